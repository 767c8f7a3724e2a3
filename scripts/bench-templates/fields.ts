/**
 * How each abstract field kind is spelled in Python (SQLAlchemy, pydantic, pytest literals) and in
 * TypeScript (TypeORM, class-validator, test literals). Kept in one place so a model, its schema
 * and its tests always agree on a field's type.
 */
import type { Field, FieldKind, Rng } from './common.js';

/** Enum values depend only on the field name, so a schema and a test written from different random streams agree. */
export function enumValues(field: Field): string[] {
  if (field.name === 'source') return ['web', 'api', 'import', 'partner'];
  if (field.name === 'channel') return ['email', 'sms', 'push', 'webhook'];
  return ['pending', 'active', 'completed', 'cancelled'];
}

const SA_TYPE: Record<FieldKind, string> = {
  str: 'String(255)',
  text: 'Text',
  int: 'Integer',
  money: 'Numeric(12, 2)',
  bool: 'Boolean',
  datetime: 'DateTime(timezone=True)',
  email: 'String(320)',
  uuid: 'String(36)',
  enum: 'String(32)',
  json: 'JSON',
};

const PY_MODEL_TYPE: Record<FieldKind, string> = {
  str: 'str', text: 'str', int: 'int', money: 'Decimal', bool: 'bool', datetime: 'datetime',
  email: 'str', uuid: 'str', enum: 'str', json: 'dict[str, Any]',
};

export function saType(field: Field): string {
  return SA_TYPE[field.kind];
}

/** The SQLAlchemy class name only (`String`, `Numeric`…), for import lists. */
export function saTypeName(field: Field): string {
  return SA_TYPE[field.kind].replace(/\(.*$/, '');
}

export function pyModelType(field: Field): string {
  const t = PY_MODEL_TYPE[field.kind];
  return field.nullable ? `Optional[${t}]` : t;
}

export function pySchemaType(field: Field): string {
  let t: string;
  if (field.kind === 'email') t = 'EmailStr';
  else if (field.kind === 'uuid') t = 'UUID';
  else if (field.kind === 'enum') t = `Literal[${enumValues(field).map((v) => `"${v}"`).join(', ')}]`;
  else t = PY_MODEL_TYPE[field.kind];
  return field.nullable ? `Optional[${t}]` : t;
}

function fakeUuid(rng: Rng): string {
  return `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`;
}

/** A literal valid in both Python and JSON-ish TypeScript, except booleans (see `pyLiteral`). */
function neutralLiteral(field: Field, rng: Rng): string {
  switch (field.kind) {
    case 'str': return `"${field.name.replace(/_/g, '-')}-${rng.int(1, 999)}"`;
    case 'text': return `"${rng.pick(['Imported from the legacy system', 'Needs review', 'Created by the nightly job', 'Customer request'])}"`;
    case 'int': return String(rng.int(0, 500));
    case 'money': return `"${rng.int(1, 9999)}.${rng.int(10, 99)}"`;
    case 'datetime': return `"2024-0${rng.int(1, 9)}-1${rng.int(0, 9)}T0${rng.int(0, 9)}:30:00Z"`;
    case 'email': return `"${rng.pick(['ops', 'billing', 'alice', 'bob', 'support'])}+${rng.int(1, 99)}@example.com"`;
    case 'uuid': return `"${fakeUuid(rng)}"`;
    case 'enum': return `"${enumValues(field)[0]}"`;
    default: return '""';
  }
}

export function pyLiteral(field: Field, rng: Rng): string {
  if (field.kind === 'bool') return rng.chance(0.5) ? 'True' : 'False';
  if (field.kind === 'json') return `{"origin": "${rng.pick(['import', 'api', 'admin'])}", "rev": ${rng.int(1, 9)}}`;
  return neutralLiteral(field, rng);
}

export function tsLiteral(field: Field, rng: Rng): string {
  if (field.kind === 'bool') return rng.chance(0.5) ? 'true' : 'false';
  if (field.kind === 'json') return `{ origin: '${rng.pick(['import', 'api', 'admin'])}', rev: ${rng.int(1, 9)} }`;
  return neutralLiteral(field, rng).replace(/"/g, "'");
}

const TS_TYPE: Record<FieldKind, string> = {
  str: 'string', text: 'string', int: 'number', money: 'string', bool: 'boolean', datetime: 'Date',
  email: 'string', uuid: 'string', enum: 'string', json: 'Record<string, unknown>',
};

export function tsType(field: Field): string {
  if (field.kind === 'enum') return enumValues(field).map((v) => `'${v}'`).join(' | ');
  return TS_TYPE[field.kind];
}

/** TypeORM @Column options for a field. */
export function ormColumn(field: Field): string {
  const opts: string[] = [];
  const type: Record<FieldKind, string> = {
    str: "type: 'varchar', length: 255", text: "type: 'text'", int: "type: 'int'",
    money: "type: 'numeric', precision: 12, scale: 2", bool: "type: 'boolean', default: false",
    datetime: "type: 'timestamptz'", email: "type: 'varchar', length: 320", uuid: "type: 'uuid'",
    enum: "type: 'varchar', length: 32", json: "type: 'jsonb'",
  };
  opts.push(type[field.kind]);
  if (field.nullable) opts.push('nullable: true');
  return `@Column({ ${opts.join(', ')} })`;
}

/** class-validator decorators for a DTO property. */
export function validatorDecorators(field: Field): string[] {
  const out: string[] = [];
  if (field.nullable) out.push('@IsOptional()');
  const byKind: Record<FieldKind, string> = {
    str: '@IsString()', text: '@IsString()', int: '@IsInt()', money: '@IsNumberString()',
    bool: '@IsBoolean()', datetime: '@IsDateString()', email: '@IsEmail()', uuid: '@IsUUID()',
    enum: `@IsIn([${enumValues(field).map((v) => `'${v}'`).join(', ')}])`, json: '@IsObject()',
  };
  out.push(byKind[field.kind]);
  if (field.kind === 'str') out.push('@MaxLength(255)');
  return out;
}

/** DTOs carry dates as ISO strings; entities as Date. */
export function tsDtoType(field: Field): string {
  return field.kind === 'datetime' ? 'string' : tsType(field);
}
