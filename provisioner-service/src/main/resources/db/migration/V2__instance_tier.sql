-- The tier the environment was created under: it sets the instance's memory, CPU and process limits
ALTER TABLE service_instances ADD COLUMN tier text;
