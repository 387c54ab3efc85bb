-- How many first starts have begun applying the seed. One that never settled (the provisioner died part-way, for
-- instance out of memory on a seed's results) is retried on a fresh instance, but not for ever: the worker fails the
-- instance once the attempts run out, rather than crash-looping on the same seed.
ALTER TABLE instance_seeds ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
