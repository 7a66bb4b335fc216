-- wrk script: GET the SPARQL query in QUERY to the path in QPATH, the same query each time: the warm case.
local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local path = os.getenv("QPATH") .. "?query=" .. urlencode(os.getenv("QUERY"))
request = function()
  return wrk.format("GET", path, { ["Accept"] = os.getenv("ACCEPT") or "application/sparql-results+json" })
end
