-- The first schema. Keys that pages and ranges order by are COLLATE "C" (byte order, as the LiteDB backend and the
-- API's cursors compare them), whatever the database's own collation. Records whose shape grows with the product
-- (runs, audit entries, tasks, coupons...) keep the whole record as JSON in "body" beside the columns queries use.

CREATE TABLE customers (
    id          text COLLATE "C" PRIMARY KEY,
    name        text,
    email       text,
    phone       text,
    gender      text,
    birthday    date,
    region      text,
    joined_at   timestamptz,
    channel     text,
    tags        text[] NOT NULL,
    attributes  jsonb NOT NULL,
    consent     jsonb NOT NULL,
    -- Search keys: lowercased name and e-mail, phone digits, each "|id" (unique, so a page resumes after the last).
    name_key    text COLLATE "C",
    email_key   text COLLATE "C",
    phone_key   text COLLATE "C"
);
CREATE INDEX customers_name_key ON customers (name_key);
CREATE INDEX customers_email_key ON customers (email_key);
CREATE INDEX customers_phone_key ON customers (phone_key);

CREATE TABLE orders (
    id          text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C" NOT NULL,
    amount      numeric NOT NULL,
    currency    text,
    at          timestamptz NOT NULL,
    channel     text,
    status      text NOT NULL,
    refunded_at timestamptz,
    items       jsonb NOT NULL
);
CREATE INDEX orders_customer ON orders (customer_id, at);

CREATE TABLE events (
    id          text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C" NOT NULL,
    type        text NOT NULL,
    at          timestamptz NOT NULL,
    properties  jsonb NOT NULL
);
CREATE INDEX events_customer ON events (customer_id, at);

CREATE TABLE segments (
    id          text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C" NOT NULL,
    kind        text COLLATE "C" NOT NULL,
    value       text COLLATE "C" NOT NULL,
    is_open     boolean NOT NULL,
    body        jsonb NOT NULL
);
CREATE INDEX segments_customer ON segments (customer_id);
-- The members of a segment now: a range of this index in customer order.
CREATE INDEX segments_open ON segments (kind, value, customer_id) WHERE is_open;

CREATE TABLE segment_counts (
    kind        text COLLATE "C" NOT NULL,
    value       text COLLATE "C" NOT NULL,
    members     bigint NOT NULL,
    PRIMARY KEY (kind, value)
);

CREATE TABLE segment_days (
    kind        text COLLATE "C" NOT NULL,
    day         date NOT NULL,
    value       text COLLATE "C" NOT NULL,
    moves       bigint NOT NULL,
    PRIMARY KEY (kind, day, value)
);

CREATE TABLE scores (
    customer_id text COLLATE "C" NOT NULL,
    name        text COLLATE "C" NOT NULL,
    value       double precision NOT NULL,
    body        jsonb NOT NULL,
    PRIMARY KEY (customer_id, name)
);

CREATE TABLE score_history (
    id          text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C" NOT NULL,
    body        jsonb NOT NULL
);
CREATE INDEX score_history_customer ON score_history (customer_id);

CREATE TABLE tags (
    customer_id text COLLATE "C" NOT NULL,
    tag         text COLLATE "C" NOT NULL,
    body        jsonb NOT NULL,
    PRIMARY KEY (customer_id, tag)
);

CREATE TABLE points (
    id          text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C" NOT NULL,
    delta       bigint NOT NULL,
    body        jsonb NOT NULL
);
CREATE INDEX points_customer ON points (customer_id);

CREATE TABLE points_days (
    day         date PRIMARY KEY,
    earned      bigint NOT NULL,
    spent       bigint NOT NULL,
    expired     bigint NOT NULL
);

CREATE TABLE followups (
    id          text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C" NOT NULL,
    status      text NOT NULL,
    due         timestamptz NOT NULL,
    -- "due|id": the task list's order and its page cursor.
    due_key     text COLLATE "C" NOT NULL,
    body        jsonb NOT NULL
);
CREATE INDEX followups_due_key ON followups (due_key);
CREATE INDEX followups_customer ON followups (customer_id);

CREATE TABLE coupons (
    id          text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C" NOT NULL,
    body        jsonb NOT NULL
);
CREATE INDEX coupons_customer ON coupons (customer_id);

CREATE TABLE draw_chances (
    id          text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C" NOT NULL,
    campaign    text COLLATE "C" NOT NULL,
    delta       integer NOT NULL,
    body        jsonb NOT NULL
);
CREATE INDEX draw_chances_customer ON draw_chances (customer_id);

CREATE TABLE redemptions (
    id          text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C" NOT NULL,
    body        jsonb NOT NULL
);
CREATE INDEX redemptions_customer ON redemptions (customer_id);

CREATE TABLE draws (
    id          text COLLATE "C" PRIMARY KEY,
    customer_id text COLLATE "C" NOT NULL,
    body        jsonb NOT NULL
);
CREATE INDEX draws_customer ON draws (customer_id);

CREATE TABLE benefit_stock (
    stock_key   text COLLATE "C" PRIMARY KEY,
    issued      bigint NOT NULL
);

CREATE TABLE catalog_versions (
    hash        text COLLATE "C" PRIMARY KEY,
    created_at  timestamptz NOT NULL,
    body        jsonb NOT NULL
);

CREATE TABLE rule_versions (
    rule        text COLLATE "C" NOT NULL,
    hash        text COLLATE "C" NOT NULL,
    created_at  timestamptz NOT NULL,
    good        boolean NOT NULL,
    body        jsonb NOT NULL,
    PRIMARY KEY (rule, hash)
);

CREATE TABLE runs (
    id           text COLLATE "C" PRIMARY KEY,
    rule         text COLLATE "C" NOT NULL,
    status       text NOT NULL,
    trigger      text NOT NULL,
    triggered_by text,
    created_at   timestamptz NOT NULL,
    scheduled_for timestamptz,
    -- "creation ticks|id": newest first with a stable tie-break, and the list's page cursor.
    sort_key     text COLLATE "C" NOT NULL,
    body         jsonb NOT NULL
);
CREATE INDEX runs_sort_key ON runs (sort_key);
CREATE INDEX runs_rule ON runs (rule, sort_key);
CREATE INDEX runs_status ON runs (status);

CREATE TABLE run_logs (
    run_id      text COLLATE "C" NOT NULL,
    sequence    bigint NOT NULL,
    body        jsonb NOT NULL,
    PRIMARY KEY (run_id, sequence)
);

CREATE TABLE run_outcomes (
    run_id      text COLLATE "C" NOT NULL,
    sequence    bigint NOT NULL,
    body        jsonb NOT NULL,
    PRIMARY KEY (run_id, sequence)
);

-- The audit chain: the sequence is the chain's order; the entry is kept as the fields its hash covers.
CREATE TABLE audit (
    sequence    bigint PRIMARY KEY,
    at          timestamptz NOT NULL,
    type        text COLLATE "C" NOT NULL,
    actor       text COLLATE "C" NOT NULL,
    rule        text COLLATE "C",
    body        jsonb NOT NULL
);
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_type ON audit (type, sequence);
CREATE INDEX audit_rule ON audit (rule, sequence);

-- The trigger outbox: one row per trigger kind and customer, written in the ingest transaction.
CREATE TABLE trigger_outbox (
    kind        text COLLATE "C" NOT NULL,
    customer_id text COLLATE "C" NOT NULL,
    event_at    timestamptz NOT NULL,
    first_at    timestamptz NOT NULL,
    stamp       bigint NOT NULL,
    PRIMARY KEY (kind, customer_id)
);
CREATE INDEX trigger_outbox_queue ON trigger_outbox (kind, first_at, customer_id);
CREATE SEQUENCE trigger_stamps;
