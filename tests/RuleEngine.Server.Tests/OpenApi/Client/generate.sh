#!/usr/bin/env bash
# Regenerates the Kiota C# client in Generated/ from the OpenAPI document the server serves.
# Run from anywhere: tests/RuleEngine.Server.Tests/OpenApi/Client/generate.sh
# Needs: the .NET SDK; Kiota comes from the repository's tool manifest (dotnet-tools.json) via `dotnet tool restore`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../../.." && pwd)"
work="$(mktemp -d)"
port="${PORT:-5187}"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

cd "$repo"
dotnet tool restore >/dev/null
dotnet build src/RuleEngine.Server -v q -nologo >/dev/null
mkdir -p "$work/data" "$work/rules"
# The document needs no key and no data: an empty data and rules folder, Development keys.
ASPNETCORE_ENVIRONMENT=Development dotnet src/RuleEngine.Server/bin/Debug/net10.0/RuleEngine.Server.dll \
  --urls "http://127.0.0.1:$port" --RuleEngine:DataPath="$work/data" --RuleEngine:RulesPath="$work/rules" \
  --RuleEngine:SeedDemoData=false >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$port/swagger/v1/swagger.json" -o "$work/openapi.json" && break
  sleep 1
done
[ -s "$work/openapi.json" ] || { echo "the server did not serve its document; see $work/server.log"; cat "$work/server.log"; exit 1; }
# The committed copy is what the client was generated from (OpenApiClientTests checks the served document still has its operations).
python3 -m json.tool --indent 2 "$work/openapi.json" > "$here/openapi.json"

KIOTA_TUTORIAL_ENABLED=false dotnet kiota generate --language CSharp --openapi "$here/openapi.json" \
  --class-name RuleEngineClient --namespace-name RuleEngine.Server.Tests.OpenApi.Client.Generated \
  --output "$here/Generated" --exclude-backward-compatible --clean-output --log-level Warning
echo "Generated $(find "$here/Generated" -name '*.cs' | wc -l) files in $here/Generated"
