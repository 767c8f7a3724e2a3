import { defineRule, fail, pass } from '../../core/rule.js';

const LABELS: Record<string, string> = {
  'openai-key': 'an OpenAI API key',
  'anthropic-key': 'an Anthropic API key',
  'aws-access-key': 'an AWS access key id',
  'github-token': 'a GitHub token',
  'slack-token': 'a Slack token',
  'google-api-key': 'a Google API key',
  'stripe-secret-key': 'a Stripe live secret key',
  'webhook-secret': 'a webhook signing secret',
  'sendgrid-key': 'a SendGrid API key',
  'gitlab-token': 'a GitLab token',
  'groq-key': 'a Groq API key',
  'huggingface-token': 'a Hugging Face token',
  'npm-token': 'an npm token',
  'credential-url': 'a connection URL with an embedded password',
  'high-entropy-assignment': 'a literal credential',
};

export default defineRule({
  meta: {
    id: 'secret-hardcoded',
    area: 'security',
    severity: 'critical',
    title: 'No credentials are written into the code or committed config',
    failureTitle: 'Credentials are hard-coded in the repository',
    why: 'A key committed to the repository is readable by everyone with access to the code, its forks, CI logs and every past clone, and it stays in git history after the line is deleted. Leaked provider keys are harvested by bots within minutes of a push and turn into fraudulent usage bills, data access or account takeover.',
    fix: {
      default: 'Revoke and rotate the exposed credential first (it is in git history), then read it from the environment or a secret manager and keep only a placeholder in `.env.example`.',
      py: 'Read it at startup: `OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]`, or a pydantic-settings field with no default (`openai_api_key: SecretStr`). Rotate the old key.',
      node: 'Read it at startup: `const apiKey = process.env.OPENAI_API_KEY` validated by your config schema (zod/envalid). Rotate the old key.',
      docker: 'Pass secrets at runtime (`docker run -e`, compose `env_file:` pointing at an untracked file, or build secrets `--mount=type=secret`), never `ENV KEY=value` in the Dockerfile.',
    },
    examples: {
      bad: 'client = OpenAI(api_key="sk-proj-…")',
      good: 'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])',
      lang: 'python',
    },
    effort: 'hours',
    appliesTo: ['any'],
    needs: ['secrets'],
    confidence: 'high',
  },
  check({ secrets }) {
    if (secrets.length === 0) return pass('No provider keys, credentialed URLs or high-entropy secrets found in committed code or config');
    return fail(
      secrets.map((s) => ({
        message: `${cap(LABELS[s.kind] ?? 'a credential')}${s.name ? ` (${s.name})` : ''} is written in ${s.evidence.file}`,
        evidence: [s.evidence],
      })),
    );
  },
});

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
