/** Security extractors: secret redaction end to end, and the small decisions they rest on. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/run.js';
import { interpolations } from '../../src/facts/security/code-util.js';
import { regexAllowsAny } from '../../src/facts/security/cors-python.js';
import { isEnvTemplate } from '../../src/facts/security/env-names.js';
import {
  findCredentialUrls,
  findProviderKeys,
  isPlaceholder,
  isRealCredentialUrl,
  isSecretName,
  looksRandom,
  redactor,
} from '../../src/facts/security/secret-patterns.js';
import { looksLikeSql } from '../../src/facts/security/sql.js';
import { tempRepo } from '../helpers/temp-repo.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'rules');

/** Every secret the secret fixtures hold, whole. */
const FIXTURE_SECRETS = [
  'sk-proj-u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAj',
  '39536b3216fdaeeb975729fae923d5a4fd12aabf',
  'sk_live_LZDe1f8rESQedUStPKR0CsTy4Qwb8Dwk',
  'o/hBKqFYY/kv5ZJr3J1TWDtkwtDD',
  'AKIAA5LQSAJ08XUI6D39',
  'hf_zzzzgEOzdmenCkhvMdgaKjIg8xNbe3nNyj',
  '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',
  'ghp_XoIIXGvOoNZYW2mZp0zVZomHFwUbbYrEqmSM',
  'Zr8kP2vQx7mN4bT9wE1yL6cJ',
  '0B26R08qzjI6GK',
  'AIzaCmY_uCu3ZR1zTOlUcR64cXQLioDnkHIfxIq',
  '29326@ml64^%lg2tjf8-^c#z2&+%&k%a7edcmp#b3u2@m7o^s5',
];

describe('secret redaction', () => {
  const cases = [
    'secret-hardcoded/fail-fastapi-keys',
    'secret-hardcoded/fail-express-keys',
    'secret-hardcoded/fail-committed-config',
    'secret-hardcoded/fail-django-settings',
    'env-file-committed/fail-fastapi-env-present',
    'env-file-committed/fail-flask-no-gitignore',
  ];
  for (const c of cases) {
    it(`${c}: no secret value appears in the result or the facts`, async () => {
      const audit = await runAudit(join(FIXTURES, c), { only: ['secret-hardcoded', 'env-file-committed'], useGit: false });
      expect(audit.result.findings.length).toBeGreaterThan(0);
      const out = JSON.stringify(audit.result) + JSON.stringify(audit.facts.secrets) + JSON.stringify(audit.facts.envFiles);
      for (const s of FIXTURE_SECRETS) expect(out).not.toContain(s);
      expect(out).toContain('[redacted');
    });
  }

  it('redacts a secret cut in half by the snippet length limit', async () => {
    const key = 'sk-proj-Rk3vT8wQ2nL5yH7jD4fB1sX9cM6pG0aZeU2iO5rT8yW1qE4';
    const pad = 'x'.repeat(170);
    const root = tempRepo({
      'requirements.txt': 'openai==1.40.0\n',
      'app/llm.py': `from openai import OpenAI\n\nclient = OpenAI(organization="${pad}", api_key="${key}")\n`,
    });
    const audit = await runAudit(root, { only: ['secret-hardcoded'], useGit: false });
    expect(audit.result.findings).toHaveLength(1);
    const out = JSON.stringify(audit.result);
    expect(out).not.toContain(key);
    // Not even a long prefix of it survives the clip.
    expect(out).not.toContain(key.slice(0, 12));
  });

  it('redactor handles clipped tails', () => {
    const secret = 'ABCDEFGHIJKLMNOPQRSTUV123';
    expect(redactor(secret)(`x = "${secret.slice(0, 10)}…`)).not.toContain(secret.slice(0, 10));
    expect(redactor(secret)(`a ${secret} b ${secret}`)).not.toContain(secret);
  });
});

describe('secret patterns', () => {
  it('recognises provider formats with their real lengths', () => {
    expect(findProviderKeys('key = "AKIAA5LQSAJ08XUI6D39"').map((k) => k.kind)).toEqual(['aws-access-key']);
    expect(findProviderKeys('AKIAIOSFODNN7EXAMPLE')).toEqual([]); // the AWS documentation key
    expect(findProviderKeys('sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx')).toEqual([]);
    expect(findProviderKeys('sk-short123')).toEqual([]);
    expect(findProviderKeys('ghp_XoIIXGvOoNZYW2mZp0zVZomHFwUbbYrEqmSM').map((k) => k.kind)).toEqual(['github-token']);
    expect(findProviderKeys('task-sk-proj-u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8dKLzdocJ2isAj')).toEqual([]); // not at a token start
  });

  it('tells credential names from names about credentials', () => {
    for (const n of ['OPENAI_API_KEY', 'apiKey', 'client_secret', 'self.jwt_secret', 'DB_PASSWORD', 'signingSecret', 'app.config["SECRET_KEY"]']) expect(isSecretName(n), n).toBe(true);
    for (const n of ['TOKEN_URL', 'public_key', 'ACCESS_TOKEN_EXPIRE_MINUTES', 'API_KEY_HEADER', 'password_hash', 'NEXT_PUBLIC_API_KEY', 'cache_key', 'SECRET_KEY_FILE', 'username'])
      expect(isSecretName(n), n).toBe(false);
  });

  it('only calls random-looking values secrets', () => {
    expect(looksRandom('39536b3216fdaeeb975729fae923d5a4fd12aabf')).toBe(true);
    expect(looksRandom('o/hBKqFYY/kv5ZJr3J1TWDtkwtDD')).toBe(true);
    for (const v of ['change-me-in-production-please', 'your-openai-api-key-here', 'OPENAI_API_KEY', 'session-cache-prefix-v2', 'https://auth.example.com/x', 'short', '${SECRET_KEY}', 'X-Service-Api-Key-2024'])
      expect(looksRandom(v), v).toBe(false);
    // Stored password hashes (seed rows): not credentials.
    for (const v of ['$2b$10$EpRnTzVlqHNP0.fUbXUwSOyuiXe/QLSUG6xNekdHgTGmrpHEfIoxm', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$kq9Zk0Qm7D2yJc', 'pbkdf2_sha256$600000$Zr8Xq2Lk$3fW9aQ0bX7nKc1mP'])
      expect(looksRandom(v), v).toBe(false);
  });

  it('treats placeholders and references as non-secrets', () => {
    for (const v of ['changeme', '<your-token>', '${DB_PASSWORD}', '$DB_PASSWORD', '{{ vault_password }}', 'password', 'xxx', 'dummy-value']) expect(isPlaceholder(v), v).toBe(true);
  });

  it('reports credentialed URLs only for real-looking passwords on non-local hosts', () => {
    const real = (t: string) => findCredentialUrls(t).filter(isRealCredentialUrl).length;
    expect(real('postgresql://notes:0B26R08qzjI6GK@db.internal:5432/notes')).toBe(1);
    expect(real('postgresql://postgres:postgres@db:5432/app')).toBe(0); // password = user
    expect(real('postgresql://app:s3cretPw@localhost:5432/app')).toBe(0); // local development default
    expect(real('postgresql://user:password@db.example.com/app')).toBe(0); // placeholder
    expect(real('redis://:${REDIS_PASSWORD}@cache:6379/0')).toBe(0);
  });

  it('knows env templates', () => {
    for (const p of ['.env.example', 'backend/.env.sample', '.env.template', 'example.env', 'env.example', '.env.production.example', '.example.env']) expect(isEnvTemplate(p), p).toBe(true);
    for (const p of ['.env', '.env.local', '.env.production', 'prod.env']) expect(isEnvTemplate(p), p).toBe(false);
  });
});

describe('code helpers', () => {
  it('reads the interpolations of f-strings and template literals', () => {
    expect(interpolations({ kind: 'fstring', text: 'f"SELECT * FROM {TABLE} WHERE id = {x!r} AND n = {n:>3} {{literal}}"', line: 1 })).toEqual(['TABLE', 'x', 'n']);
    expect(interpolations({ kind: 'fstring', text: '`a ${ids.map((_, i) => `$${i + 1}`).join(", ")} b ${y}`', line: 1 })).toEqual(['ids.map((_, i) => `$${i + 1}`).join(", ")', 'y']);
  });

  it('decides when an origin regex lets every site in', () => {
    expect(regexAllowsAny('.*')).toBe(true);
    expect(regexAllowsAny('https?://.*')).toBe(true);
    expect(regexAllowsAny('https://.*\\.example\\.com')).toBe(false);
  });

  it('requires SQL statement keywords', () => {
    expect(looksLikeSql('SELECT * FROM t WHERE id = ')).toBe(true);
    expect(looksLikeSql(' ORDER BY ')).toBe(true);
    expect(looksLikeSql('query { user(where: { id: "" }) { name } }')).toBe(false);
    expect(looksLikeSql('Found  rows for category ')).toBe(false);
  });
});

describe('input validation on views registered for several methods', () => {
  it('names the method that carries the body, not GET', async () => {
    const a = await runAudit(
      tempRepo({
        'requirements.txt': 'flask==3.1.0\n',
        'app.py': [
          'from flask import Flask, request',
          'app = Flask(__name__)',
          '@app.route("/forgot", methods=["GET", "POST"])',
          'def forgot():',
          '    if request.method == "POST":',
          '        send_reset(request.form["email"])',
          '    return "ok"',
          'def send_reset(email):',
          '    return email',
        ].join('\n'),
      }),
      { only: ['input-validation-missing'], useGit: false },
    );
    expect(a.facts.inputValidation.issues.map((i) => i.message.split(' reads')[0])).toEqual(['POST /forgot']);
  });
});
