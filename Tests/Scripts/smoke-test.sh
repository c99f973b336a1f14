#!/bin/sh
# A service smoke test of the kind projects keep next to their Dockerfile and run in CI:
# create the service, wait until its healthcheck passes, find its address, fetch its published
# port, show its recent logs, list it by label, clean up. Written for Docker; run unchanged.
set -eu
name=${NAME:-smoke-web}
port=${PORT:-18080}

docker rm -f "$name" >/dev/null 2>&1 || true
docker create --name "$name" -p "127.0.0.1:$port:80" \
  --health-cmd 'wget -q -O /dev/null http://127.0.0.1/ || exit 1' \
  --health-interval 1s --health-timeout 2s --health-retries 3 \
  --label com.example.role=web \
  busybox sh -c 'mkdir -p /www && echo "hello from $(hostname)" > /www/index.html && echo "server starting" && exec httpd -f -p 80 -h /www' >/dev/null
docker start "$name" >/dev/null

status=starting
for _ in $(seq 1 30); do
  status=$(docker inspect -f '{{.State.Health.Status}}' "$name")
  [ "$status" = healthy ] && break
  sleep 1
done
[ "$status" = healthy ] || { echo "not healthy: $status" >&2; docker logs "$name" >&2; exit 1; }

ip=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$name")
echo "ip=$ip"
curl -fsS "http://127.0.0.1:$port/"
docker logs --since 10m "$name"
docker ps --filter label=com.example.role=web --filter health=healthy --format '{{.Names}}: {{.Status}}'

docker rm -f "$name" >/dev/null
if [ -n "$(docker ps -a -q --filter "name=^$name\$")" ]; then echo "still there" >&2; exit 1; fi
echo "cleaned up"
