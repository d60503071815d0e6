-- Several servers on one database (docs/operations.md, "Several servers"): the nodes' heartbeats, and the customer-id
-- ranges a large run is split into, which every node's range worker claims with FOR UPDATE SKIP LOCKED.

CREATE TABLE cluster_nodes (
    id          text PRIMARY KEY,
    host        text NOT NULL,
    pid         integer NOT NULL,
    started_at  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL
);

-- One row per range of a run: customers with ids after from_id (null: the first) up to and including to_id (null: the
-- last). A claim sets node and a lease on the database's clock (no node's clock decides); the holder renews it while it
-- works and saves a checkpoint (the last customer of each applied page, with the counts so far), so a range whose node
-- died is claimed again once the lease has passed and resumes after the checkpoint.
CREATE TABLE run_ranges (
    run_id      text COLLATE "C" NOT NULL,
    seq         integer NOT NULL,
    from_id     text COLLATE "C",
    to_id       text COLLATE "C",
    customers   bigint NOT NULL,
    status      text NOT NULL,                 -- pending | running | done | failed | cancelled
    node        text,
    lease_until timestamptz,
    attempts    integer NOT NULL DEFAULT 0,
    checkpoint  text COLLATE "C",
    processed   bigint NOT NULL DEFAULT 0,
    counts      jsonb NOT NULL DEFAULT '{}',
    error       text,
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX run_ranges_open ON run_ranges (status, lease_until) WHERE status IN ('pending', 'running');

-- Every node's trigger dispatcher drains the one outbox: a read claims its entries for a while, so nodes take different
-- customers; a claim left by a node that died passes, and a new mark clears it (newer data is evaluated promptly).
ALTER TABLE trigger_outbox ADD COLUMN claimed_until timestamptz;
