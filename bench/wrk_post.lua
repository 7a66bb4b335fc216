-- wrk script: POST the SPARQL query in the environment variable QUERY as a form, ask for JSON results.
local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
wrk.method = "POST"
wrk.body = "query=" .. urlencode(os.getenv("QUERY"))
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = os.getenv("ACCEPT") or "application/sparql-results+json"
