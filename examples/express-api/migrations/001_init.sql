-- Up Migration
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role          text NOT NULL DEFAULT 'staff' CHECK (role IN ('admin', 'staff')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  disabled_at   timestamptz
);

CREATE TABLE sessions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  token_hash  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

CREATE TABLE customers (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name             text NOT NULL,
  email            text NOT NULL,
  tax_id           text,
  address          text,
  default_currency char(3) NOT NULL DEFAULT 'EUR',
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE invoice_number_seq START 1001;

CREATE TABLE invoices (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number          text NOT NULL UNIQUE DEFAULT 'INV-' || nextval('invoice_number_seq'),
  customer_id     uuid NOT NULL REFERENCES customers (id),
  status          text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'paid', 'void')),
  currency        char(3) NOT NULL,
  fx_rate_to_base numeric(18, 8) NOT NULL DEFAULT 1,
  issue_date      date NOT NULL DEFAULT current_date,
  due_date        date NOT NULL,
  notes           text,
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
CREATE INDEX invoices_created_at_idx ON invoices (created_at DESC);

CREATE TABLE invoice_lines (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  invoice_id        uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
  position          integer NOT NULL,
  description       text NOT NULL,
  quantity          numeric(12, 2) NOT NULL CHECK (quantity > 0),
  unit_amount_cents integer NOT NULL CHECK (unit_amount_cents >= 0),
  category          text,
  UNIQUE (invoice_id, position)
);

CREATE TABLE invoice_pdfs (
  invoice_id  uuid PRIMARY KEY REFERENCES invoices (id) ON DELETE CASCADE,
  pdf         bytea NOT NULL,
  rendered_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE invoice_pdfs;
DROP TABLE invoice_lines;
DROP TABLE invoices;
DROP SEQUENCE invoice_number_seq;
DROP TABLE customers;
DROP TABLE sessions;
DROP TABLE users;
