-- wrk script for the OAuth 1 benchmark (scripts/bench-oauth): GET BENCH_OAUTH1_PATH (default
-- /api/oauth1/me) with the pre-signed `Authorization` header values of the file BENCH_OAUTH1_HEADERS
-- (one per line, each with its own nonce), taken in order, each used once. When the file runs out
-- it starts again (the server then answers 401 invalid_nonce, counted as non-2xx: make the file
-- larger than the run). Run with -t1 so one thread walks one file.
local path = os.getenv("BENCH_OAUTH1_PATH") or "/api/oauth1/me"
local file = os.getenv("BENCH_OAUTH1_HEADERS")
local headers = {}
local count = 0
local index = 0

for line in io.lines(file) do
    count = count + 1
    headers[count] = line
end

local fields = { ["Authorization"] = "" }

request = function()
    index = index + 1
    if index > count then index = 1 end
    fields["Authorization"] = headers[index]
    return wrk.format("GET", path, fields)
end
