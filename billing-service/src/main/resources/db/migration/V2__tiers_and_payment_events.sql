-- The tier billing last set for a user (by a payment event or an operator), so a change names the tier it replaces
CREATE TABLE user_tiers (
    user_id    TEXT        PRIMARY KEY,
    tier       TEXT        NOT NULL,
    source     TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Each Stripe event applied once: a redelivery or a replay within the signature's tolerance finds its id here
CREATE TABLE stripe_events (
    event_id    TEXT        PRIMARY KEY,
    type        TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
