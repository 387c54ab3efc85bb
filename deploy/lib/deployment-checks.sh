# Sourced by deploy/test-deployment.sh (after deploy/lib/api.sh): the compose deployment's guarantees, one function
# each. They share env_id, the environment of every container type made first and checked again after each fault.

ROLES="auth_service:auth environment_service:environment provisioner_service:provisioner storage_service:storage billing_service:billing gateway_service:gateway"

container_of() { docker-compose ps -q "$1"; }
tag() { sed -n 's/^MOCKFACTORY_IMAGE_TAG=//p' .env; }

# wait_healthy SECONDS: every container of the deployment running and healthy
wait_healthy() {
  local deadline=$(( $(date +%s) + $1 )) id unhealthy
  while [ "$(date +%s)" -lt "$deadline" ]; do
    unhealthy=0
    for id in $(docker-compose ps -q); do
      [ "$(docker inspect -f '{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$id")" = running/healthy ] || unhealthy=1
    done
    [ $unhealthy = 0 ] && [ -n "$(docker-compose ps -q)" ] && return 0
    sleep 1
  done
  return 1
}

# The environment of every type answers its real client; sets env_id
check_every_container_type() {
  local body creds url
  api POST /api/v1/environments '{"name":"every-type","services":{"redis":{},"postgresql":{},"postgresql_pgvector":{},"postgis":{},"elasticmq":{},"aws_s3":{}}}'
  env_id=$(jq -r '.id // empty' <<<"$BODY")
  expect 201 && [ "$(jq -r .status <<<"$BODY")" = running ] || fail "an environment of every type answered $STATUS: $BODY"
  [ "$(docker ps -q --filter "label=mockfactory.environment=$env_id" | wc -l)" = 5 ] \
    || fail "expected 5 instance containers of $env_id, found: $(docker ps --filter label=mockfactory.environment --format '{{.Names}}')"
  api GET "/api/v1/environments/$env_id/credentials"; creds=$BODY
  # Data that every later fault must leave in place (check_environment_served)
  [ "$(redis_cmd "$creds" SET survives yes)" = OK ] || fail "Redis did not answer"
  pg_query "$creds" postgresql 'SELECT 1' | grep -qx 1 || fail "PostgreSQL did not answer"
  pg_query "$creds" postgresql_pgvector "SELECT '[1,2]'::vector <-> '[4,6]'::vector" | grep -qx 5 || fail "pgvector did not compute a distance"
  pg_query "$creds" postgis 'SELECT ST_Distance(ST_MakePoint(0,0), ST_MakePoint(3,4))' | grep -qx 5 || fail "PostGIS did not compute a distance"
  url=$(jq -r .services.elasticmq.endpoint <<<"$creds")
  AWS_ACCESS_KEY_ID=$(jq -r .services.elasticmq.access_key_id <<<"$creds") \
  AWS_SECRET_ACCESS_KEY=$(jq -r .services.elasticmq.secret_access_key <<<"$creds") AWS_DEFAULT_REGION=us-east-1 \
    /usr/bin/aws --endpoint-url "$url" sqs create-queue --queue-name deployment-check >/dev/null || fail "ElasticMQ did not create a queue"
  pass "an environment of every type runs as 5 containers through the socket proxy; redis-cli, psql (vector, PostGIS) and aws sqs answer"
}

# Snapshots in this deployment: Redis, PostgreSQL and ElasticMQ containers are copied while they run (the Docker
# archive API, through the socket proxy) into the provisioner's volume, S3 by storage-emulation-service over the
# backend network. A clone serves the data with passwords and keys of its own, and writes on either side stay there.
check_snapshot_and_clone() {
  local source creds clone clone_creds snapshot got object queue
  api POST /api/v1/environments '{"name":"snapshot-source","services":{"redis":{},"postgresql":{},"elasticmq":{},"aws_s3":{}}}'
  source=$(jq -r '.id // empty' <<<"$BODY")
  expect 201 && [ "$(jq -r .status <<<"$BODY")" = running ] || fail "a Redis, PostgreSQL, ElasticMQ and S3 environment answered $STATUS: $BODY"
  api GET "/api/v1/environments/$source/credentials"; creds=$BODY
  s3_as() {
    AWS_ACCESS_KEY_ID=$(jq -r .services.aws_s3.access_key_id <<<"$1") AWS_SECRET_ACCESS_KEY=$(jq -r \
      .services.aws_s3.secret_access_key <<<"$1") AWS_DEFAULT_REGION=us-east-1 /usr/bin/aws --endpoint-url \
      "$(jq -r .services.aws_s3.endpoint <<<"$1")" --ca-bundle "$CA_BUNDLE" "${@:2}"
  }
  [ "$(redis_cmd "$creds" SET fixture "kept by the snapshot")" = OK ] || fail "the source's Redis took no key"
  pg_query "$creds" postgresql 'CREATE TABLE fixtures AS SELECT n FROM generate_series(1, 10000) n' >/dev/null \
    || fail "the source's PostgreSQL made no table"
  sqs_as() {
    AWS_ACCESS_KEY_ID=$(jq -r .services.elasticmq.access_key_id <<<"$1") AWS_SECRET_ACCESS_KEY=$(jq -r \
      .services.elasticmq.secret_access_key <<<"$1") AWS_DEFAULT_REGION=us-east-1 /usr/bin/aws --endpoint-url \
      "$(jq -r .services.elasticmq.endpoint <<<"$1")" "${@:2}"
  }
  queue=$(sqs_as "$creds" sqs create-queue --queue-name fixtures --query QueueUrl --output text) \
    && sqs_as "$creds" sqs send-message --queue-url "$queue" --message-body "kept by the snapshot" >/dev/null \
    || fail "the source's ElasticMQ took no message"
  s3_as "$creds" s3 mb s3://fixtures >/dev/null || fail "the source made no bucket"
  object=$(mktemp); echo "kept by the snapshot" >"$object"
  s3_as "$creds" s3 cp "$object" s3://fixtures/object >/dev/null || fail "the source took no object"
  rm -f "$object"
  api POST "/api/v1/environments/$source/snapshots" '{"name":"fixtures"}'
  snapshot=$(jq -r '.id // empty' <<<"$BODY")
  expect 201 && [ -n "$snapshot" ] || fail "the snapshot answered $STATUS: $BODY"
  # Still creating once the gateway's wait is over on a loaded engine: the snapshot itself says when it is ready
  local waited=0
  while [ "$(jq -r .status <<<"$BODY")" = creating ] && [ "$waited" -lt 120 ]; do
    sleep 1; waited=$((waited + 1)); api GET "/api/v1/snapshots/$snapshot"
  done
  [ "$(jq -r .status <<<"$BODY")" = ready ] || fail "the snapshot is not ready: $BODY"
  [ "$(jq '[.services[] | select(.size_bytes > 0)] | length' <<<"$BODY")" = 4 ] || fail "the snapshot lacks a service: $BODY"
  api POST "/api/v1/environments/$source/clone" '{}'
  clone=$(jq -r '.id // empty' <<<"$BODY")
  # Four services copied and three containers restored may take longer than the gateway's wait on a loaded engine
  expect 201 202 && [ -n "$clone" ] || fail "the clone answered $STATUS: $BODY"
  wait_status "$clone" running 180 || fail "the clone did not come up"
  api GET "/api/v1/environments/$clone/credentials"; clone_creds=$BODY
  local field
  for field in .services.aws_s3.access_key_id .services.redis.password .services.postgresql.password; do
    [ "$(jq -r "$field" <<<"$clone_creds")" != "$(jq -r "$field" <<<"$creds")" ] || fail "the clone has the source's $field"
  done
  [ "$(redis_cmd "$clone_creds" GET fixture)" = "kept by the snapshot" ] || fail "the clone's Redis lacks the key"
  [ "$(pg_query "$clone_creds" postgresql 'SELECT count(*) FROM fixtures')" = 10000 ] || fail "the clone's table lacks rows"
  queue=$(sqs_as "$clone_creds" sqs get-queue-url --queue-name fixtures --query QueueUrl --output text) \
    || fail "the clone has no queue"
  got=$(sqs_as "$clone_creds" sqs receive-message --queue-url "$queue" --wait-time-seconds 2 --query 'Messages[0].Body' \
    --output text) || fail "the clone's queue did not answer"
  [ "$got" = "kept by the snapshot" ] || fail "the clone's queue holds '$got'"
  object=$(mktemp)
  s3_as "$clone_creds" s3 cp s3://fixtures/object "$object" >/dev/null || fail "the clone has no object"
  got=$(cat "$object"); rm -f "$object"
  [ "$got" = "kept by the snapshot" ] || fail "the clone's object holds '$got'"
  redis_cmd "$clone_creds" SET fixture "changed in the clone" >/dev/null || fail "the clone's Redis took no write"
  pg_query "$clone_creds" postgresql 'DELETE FROM fixtures' >/dev/null || fail "the clone's PostgreSQL took no delete"
  [ "$(redis_cmd "$creds" GET fixture)" = "kept by the snapshot" ] || fail "the clone's Redis write shows in the source"
  [ "$(pg_query "$creds" postgresql 'SELECT count(*) FROM fixtures')" = 10000 ] || fail "the clone's delete shows in the source"
  api DELETE "/api/v1/snapshots/$snapshot"; expect 204 || fail "deleting the snapshot answered $STATUS: $BODY"
  api DELETE "/api/v1/environments/$clone" >/dev/null
  api DELETE "/api/v1/environments/$source" >/dev/null
  pass "Redis, PostgreSQL, ElasticMQ containers and S3 are snapshotted while they run and cloned, each side keeping its own writes"
}

# A seed upload through nginx and the gateway (streamed, never buffered whole) unpacked into a new S3 bucket
check_upload_seed() {
  local dir upload env creds got
  dir=$(mktemp -d)
  mkdir -p "$dir/files/orders" && echo "from an upload" >"$dir/files/orders/1.json"
  head -c 3000000 /dev/urandom >"$dir/files/large.bin"
  tar -czf "$dir/fixtures.tar.gz" -C "$dir/files" .
  api POST /api/v1/uploads "" --data-binary "@$dir/fixtures.tar.gz" -H 'Content-Type: application/gzip'
  upload=$(jq -r '.id // empty' <<<"$BODY")
  expect 201 && [ "$(jq -r .format <<<"$BODY")" = tar.gz ] \
    && [ "$(jq -r .sha256 <<<"$BODY")" = "$(sha256sum "$dir/fixtures.tar.gz" | cut -d' ' -f1)" ] \
    || fail "a 3 MB upload through nginx answered $STATUS: $BODY"
  api POST /api/v1/environments "{\"name\":\"seeded\",\"services\":{\"aws_s3\":{\"seed\":{\"objects\":{\"upload\":\"$upload\",\"bucket\":\"fixtures\"}}}}}"
  env=$(jq -r '.id // empty' <<<"$BODY")
  expect 201 && [ "$(jq -r .status <<<"$BODY")" = running ] || fail "the seeded environment answered $STATUS: $BODY"
  api GET "/api/v1/environments/$env/credentials"; creds=$BODY
  AWS_ACCESS_KEY_ID=$(jq -r .services.aws_s3.access_key_id <<<"$creds") AWS_SECRET_ACCESS_KEY=$(jq -r \
    .services.aws_s3.secret_access_key <<<"$creds") AWS_DEFAULT_REGION=us-east-1 /usr/bin/aws --endpoint-url \
    "$(jq -r .services.aws_s3.endpoint <<<"$creds")" --ca-bundle "$CA_BUNDLE" s3 cp s3://fixtures/large.bin "$dir/got.bin" \
    >/dev/null || fail "the seeded bucket has no large.bin"
  cmp -s "$dir/got.bin" "$dir/files/large.bin" || fail "the seeded large.bin differs from the uploaded file"
  api DELETE "/api/v1/uploads/$upload"; expect 204 || fail "deleting the upload answered $STATUS: $BODY"
  api DELETE "/api/v1/environments/$env" >/dev/null
  # A Redis container's data set fetched with redis-cli --rdb, uploaded, and loaded into a new container
  api POST /api/v1/environments '{"name":"rdb-source","services":{"redis":{}}}'
  env=$(jq -r '.id // empty' <<<"$BODY")
  expect 201 || fail "a Redis environment answered $STATUS: $BODY"
  api GET "/api/v1/environments/$env/credentials"; creds=$BODY
  [ "$(redis_cmd "$creds" SET cached "from an RDB upload")" = OK ] || fail "the source's Redis took no key"
  redis_cmd "$creds" --rdb "$dir/cache.rdb" >/dev/null 2>&1 || fail "redis-cli --rdb fetched nothing"
  api POST /api/v1/uploads "" --data-binary "@$dir/cache.rdb" -H 'Content-Type: application/octet-stream'
  upload=$(jq -r '.id // empty' <<<"$BODY")
  expect 201 && [ "$(jq -r .format <<<"$BODY")" = rdb ] || fail "the RDB upload answered $STATUS: $BODY"
  api DELETE "/api/v1/environments/$env" >/dev/null
  api POST /api/v1/environments "{\"name\":\"from-rdb\",\"services\":{\"redis\":{\"seed\":{\"rdb\":\"$upload\"}}}}"
  env=$(jq -r '.id // empty' <<<"$BODY")
  expect 201 && [ "$(jq -r .status <<<"$BODY")" = running ] || fail "the RDB-seeded environment answered $STATUS: $BODY"
  api GET "/api/v1/environments/$env/credentials"; creds=$BODY
  [ "$(redis_cmd "$creds" GET cached)" = "from an RDB upload" ] || fail "the RDB-seeded Redis lacks the key"
  api DELETE "/api/v1/environments/$env" >/dev/null
  api DELETE "/api/v1/uploads/$upload" >/dev/null
  rm -rf "$dir"
  pass "a 3 MB tar.gz uploaded through nginx seeds an S3 bucket with its files, byte for byte; an RDB file fetched from a Redis container seeds a new one"
}

# proxy_call CONTAINER METHOD PATH [BODY]: the HTTP status the socket proxy gives CONTAINER (000: no answer)
proxy_call() {
  docker exec -i "$(container_of "$1")" bash -c '
    timeout 5 bash -c "exec 3<>/dev/tcp/docker-socket-proxy/2375" 2>/dev/null || { echo 000; exit 0; }
    exec 3<>/dev/tcp/docker-socket-proxy/2375
    length=$(printf %s "$3" | wc -c)
    printf "%s %s HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" \
      "$1" "$2" "$length" "$3" >&3
    IFS=" " read -r _ code _ <&3; echo "${code:-000}"' _ "$2" "$3" "${4:-}"
}

# expect_proxy STATUS CONTAINER METHOD PATH [BODY]
expect_proxy() {
  local want=$1 code
  shift
  code=$(proxy_call "$@")
  [ "$code" = "$want" ] || fail "the socket proxy answered $2 $3 ${4:+with body $4 }from $1 with $code, not $want"
}

check_proxy_refusals() {
  local net=${MOCKFACTORY_INSTANCES_NETWORK:-mockfactory-instances} instance other call body refused=0 address code
  local bindings='"PortBindings":{"6379/tcp":[{"HostIp":"127.0.0.1","HostPort":"39999"}]}'
  instance=$(docker ps --filter "label=mockfactory.environment=$env_id" --format '{{.Names}}' | head -1)
  other=$(docker inspect -f '{{.Name}}' "$(container_of postgres)"); other=${other#/}
  # What the runtime does passes, including a create shaped like docker-java's (then removed again)
  for call in "GET /_ping" "GET /v1.41/containers/json?all=1" "GET /v1.41/containers/$instance/json" \
      "GET /v1.41/images/mockfactory%2Fredis:7/json"; do
    expect_proxy 200 provisioner-service $call
  done
  expect_proxy 201 provisioner-service POST /v1.41/containers/create?name=mf-env_proxycheck-redis \
    "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\"}}"
  expect_proxy 204 provisioner-service DELETE "/v1.41/containers/mf-env_proxycheck-redis?force=true&v=true"
  # Calls the runtime never makes
  for call in "POST /v1.41/containers/$instance/exec" "POST /v1.41/exec/abc/start" "POST /v1.41/containers/$instance/attach" \
      "GET /v1.41/containers/$instance/logs" "GET /v1.41/volumes" "POST /v1.41/volumes/create" "POST /v1.41/build" \
      "GET /v1.41/swarm" "POST /v1.41/swarm/init" "GET /v1.41/services" "GET /v1.41/nodes" "GET /v1.41/secrets" \
      "GET /v1.41/configs" "GET /v1.41/plugins" "GET /v1.41/info" "GET /v1.41/system/df" "GET /v1.41/events" \
      "GET /v1.41/version" "POST /v1.41/images/create?fromImage=alpine" "DELETE /v1.41/images/mockfactory%2Fredis:7" \
      "GET /v1.41/images/json" "GET /v1.41/networks" "POST /v1.41/networks/create" "POST /v1.41/containers/prune" \
      "GET /v1.41/containers/$other/json" "PUT /v1.41/containers/$other/archive?path=/tmp" \
      "GET /v1.41/containers/$other/archive?path=/" "GET /v1.41/containers/$instance/archive?path=/etc/mockfactory" \
      "PUT /v1.41/containers/$instance/archive?path=/tmp" "POST /v1.41/containers/$other/stop" \
      "DELETE /v1.41/containers/$other" "POST /v1.23/containers/$instance/start" "GET /v1.23/containers/json"; do
    expect_proxy 403 provisioner-service $call
    refused=$((refused + 1))
  done
  # A start carrying a HostConfig, and creates that ask for more than the runtime does, however they spell it
  expect_proxy 403 provisioner-service POST "/v1.41/containers/$instance/start" '{"Privileged":true,"Binds":["/:/host"]}'
  refused=$((refused + 1))
  for body in "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\",\"Privileged\":true}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\",\"privileged\":true}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\",\"Priv\\u0069leged\":true}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\",\"Bindſ\":[\"/:/host\"]}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\",\"Binds\":[\"/:/host\"]}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\",\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"/\",\"Target\":\"/h\"}]}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\",\"MaskedPaths\":[]}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\",\"DeviceCgroupRules\":[\"b *:* rwm\"]}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\",\"CapAdd\":[\"SYS_ADMIN\"]}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\",\"PidMode\":\"container:$other\"}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"host\"}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"bridge\"}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{\"PortBindings\":{\"6379/tcp\":[{\"HostIp\":\"0.0.0.0\",\"HostPort\":\"39999\"}]},\"NetworkMode\":\"$net\"}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{\"PortBindings\":{\"6379/tcp\":[{\"HostPort\":\"39999\"}]},\"NetworkMode\":\"$net\"}}" \
      "{\"Image\":\"alpine:3\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\"}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"Image\":\"alpine:3\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\"}}" \
      "{\"Image\":\"mockfactory/redis:7\",\"Labels\":{\"pad\":\"$(head -c 40000 /dev/zero | tr '\0' x)\"},\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\",\"Privileged\":true}}"; do
    expect_proxy 403 provisioner-service POST /v1.41/containers/create?name=mf-env_proxycheck-redis "$body"
    refused=$((refused + 1))
  done
  expect_proxy 403 provisioner-service POST /v1.41/containers/create?name=intruder \
    "{\"Image\":\"mockfactory/redis:7\",\"HostConfig\":{$bindings,\"NetworkMode\":\"$net\"}}"
  refused=$((refused + 1))
  [ -z "$(docker ps -aq --filter name=mf-env_proxycheck-redis --filter name=intruder)" ] || fail "a refused create made a container"
  for container in gateway-service nginx auth-service; do
    expect_proxy 000 "$container" GET /_ping
  done
  # By address too: no Docker API answer, whatever routes the host has between networks
  address=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$(container_of docker-socket-proxy)")
  code=$(docker exec "$(container_of gateway-service)" timeout 5 bash -c "
    exec 3<>/dev/tcp/$address/2375 || exit 0
    printf 'GET /_ping HTTP/1.0\r\n\r\n' >&3 2>/dev/null; head -c 12 <&3" 2>/dev/null || true)
  [ -z "$code" ] || fail "the gateway got an answer from the socket proxy at $address: $code"
  pass "the socket proxy passes the runtime's calls and refuses $refused others with 403 (escapes, case, Unicode and padding included); the gateway, nginx and auth-service cannot reach it (by name or at $address)"
}

# role_query ROLE SQL: runs SQL as a service's role over TCP, as the service connects; prints output and errors
role_query() {
  PGPASSWORD=$(cat "deploy/secrets/db_password_$1") docker exec -i -e PGPASSWORD "$(container_of postgres)" \
    psql -X -q -tA -h 127.0.0.1 -U "$1" -d mockfactory -c "$2" 2>&1 || true
}

check_schema_isolation() {
  local pair role schema other out checked=0
  for pair in $ROLES; do
    role=${pair%%:*} schema=${pair##*:}
    out=$(role_query "$role" "SELECT count(*) > 0 FROM $schema.kit_schema_history")
    [ "$out" = t ] || fail "$role cannot read its own schema $schema: $out"
    for other in $ROLES; do
      other=${other##*:}
      [ "$other" = "$schema" ] && continue
      out=$(role_query "$role" "SELECT 1 FROM $other.kit_schema_history LIMIT 1")
      grep -q "permission denied for schema $other" <<<"$out" || fail "$role read schema $other: $out"
      checked=$((checked + 1))
    done
    out=$(role_query "$role" "CREATE SCHEMA intruder_$role")
    grep -q "permission denied" <<<"$out" || fail "$role created a schema: $out"
  done
  pass "each of 6 service roles reads its own schema; $checked reads of another's were refused; none can create a schema"
}

# run_service_once NAME [docker run args…]: billing-service's image run alone; sets RUN_OUT and RUN_EXIT
run_service_once() {
  RUN_OUT=$(timeout 120 docker run --rm --name "mf-start-check-$1" "${@:2}" "mockfactory/billing-service:$(tag)" 2>&1) && RUN_EXIT=0 || RUN_EXIT=$?
}

check_clear_start_errors() {
  local out network wrong
  run_service_once missing-secret -e MOCKFACTORY_REQUIRED_SECRETS=datasources.default.password,mockfactory.internal.token
  out=$RUN_OUT
  [ "$RUN_EXIT" = 78 ] && grep -Eq "cannot start billing-service: secret files? /run/secrets/datasources.default.password" <<<"$out" \
    || fail "a missing secret gave exit $RUN_EXIT: $out"
  grep -q $'\tat ' <<<"$out" && fail "a missing secret printed a stack trace: $out"
  network=$(docker inspect -f '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}}{{end}}' "$(container_of postgres)")
  wrong=$(mktemp) && echo "not-the-password" >"$wrong" && chmod 644 "$wrong"
  run_service_once wrong-password --network "$network" -e DATASOURCES_DEFAULT_URL=jdbc:postgresql://postgres:5432/mockfactory \
    -e DATASOURCES_DEFAULT_USERNAME=billing_service -e KAFKA_BOOTSTRAP_SERVERS=kafka:9092 \
    -v "$wrong:/run/secrets/datasources.default.password:ro"
  out=$RUN_OUT
  rm -f "$wrong"
  [ "$RUN_EXIT" = 78 ] && grep -q "password authentication failed" <<<"$out" || fail "a wrong database password gave exit $RUN_EXIT: $out"
  grep -q $'\tat ' <<<"$out" && fail "a wrong database password printed a stack trace: $out"
  grep -q "not-the-password" <<<"$out" && fail "the wrong password was printed"
  pass "a missing secret file and a wrong database password each stop the service with one clear line and exit 78"
}

# The environment made first is still served: its status, and its Redis with the data written into it. Says what
# is wrong in SERVED (never the credentials).
check_environment_served() {
  local answer
  api GET "/api/v1/environments/$env_id" "" -H 'Cache-Control: no-cache'
  SERVED="status $STATUS: $(jq -c '{status, services, last_error}' <<<"$BODY" 2>/dev/null || echo "$BODY")"
  [ "$(jq -r .status <<<"$BODY")" = running ] || return 1
  api GET "/api/v1/environments/$env_id/credentials"
  answer=$(redis_cmd "$BODY" GET survives 2>&1 || true)
  SERVED="its Redis answered '$answer' to GET survives"
  [ "$answer" = yes ]
}

check_kill_9_recovery() {
  local service id restarts t
  for service in gateway-service provisioner-service; do
    id=$(container_of "$service")
    restarts=$(docker inspect -f '{{.RestartCount}}' "$id")
    t=$(now)
    kill -9 "$(docker inspect -f '{{.State.Pid}}' "$id")"
    for _ in $(seq 1 300); do
      [ "$(docker inspect -f '{{.RestartCount}}' "$id")" -gt "$restarts" ] && break
      sleep 0.2
    done
    [ "$(docker inspect -f '{{.RestartCount}}' "$id")" -gt "$restarts" ] || fail "compose did not restart $service within 60 s of kill -9"
    wait_healthy 120 || fail "$service did not come back healthy after kill -9"
    echo "measured: $service healthy again $(since "$t") s after kill -9"
    check_environment_served || fail "the environment made before $service's kill -9 is not served: $SERVED"
  done
  pass "kill -9 of the gateway and of the provisioner: compose restarted each, and the environment made before is still served"
}

# check_dependency_restart postgres|kafka: stopped under a running stack, then started; measures until a new
# environment is running, and checks that what was accepted or running before is there
check_dependency_restart() {
  local name=$1 t pending="" deadline
  docker-compose stop "$name" >/dev/null 2>&1 || fail "docker-compose stop $name failed"
  api POST /api/v1/environments '{"name":"during-outage","services":{"redis":{}}}' -H 'Prefer: respond-async'
  if [ "$name" = postgres ]; then
    expect 503 || fail "with PostgreSQL down a create answered $STATUS, not 503: $BODY"
  else
    expect 202 || fail "with Kafka down an asynchronous create answered $STATUS, not 202: $BODY"
    pending=$(jq -r .id <<<"$BODY")
  fi
  t=$(now)
  docker-compose start "$name" >/dev/null 2>&1 || fail "docker-compose start $name failed"
  deadline=$(( $(date +%s) + 120 ))
  if [ -n "$pending" ]; then
    wait_status "$pending" running 120 || fail "the create accepted while Kafka was down never ran"
  else
    until api POST /api/v1/environments '{"name":"after-outage","services":{"redis":{}}}' && expect 201; do
      [ "$(date +%s)" -lt "$deadline" ] || fail "no environment could be made after PostgreSQL came back: $STATUS $BODY"
      sleep 0.5
    done
    pending=$(jq -r .id <<<"$BODY")
  fi
  echo "measured: $name restart: a new environment running $(since "$t") s after $name was started again"
  check_environment_served || fail "the environment made before $name's restart is not served: $SERVED"
  api DELETE "/api/v1/environments/$pending" >/dev/null
  wait_healthy 120 || fail "the deployment is not healthy after $name's restart"
  pass "$name stopped and started under the running stack: recovered by itself, nothing lost"
}
