-- wrk script: GET the page at the URL's path with a new `probe` parameter each request, so no cache
-- (the tier's nginx) can answer it: every request is rendered by an instance. ACCEPT as in wrk_get.lua.
local counter = 0
local accept = os.getenv("ACCEPT") or "text/html"
request = function()
  counter = counter + 1
  local path = wrk.path .. "?probe=" .. tostring(counter) .. "-" .. tostring(math.random(1, 1000000000))
  return wrk.format("GET", path, { ["Accept"] = accept })
end
