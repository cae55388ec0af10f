-- Many sessions at once: every request is a random line of a file of
-- "<Cookie header>\t<path>" lines (the file is wrk's first argument after --).
-- Each thread gets its own seed; the requests are formatted once, at start.
-- The report is wrk_report.lua's. Used by bench/common.py (run_wrk_mix).
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "wrk_report.lua")

local next_id = 1
function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

local requests = {}
function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    local cookie, path = line:match("^([^\t]*)\t(.+)$")
    if path then
      local headers = {}
      if cookie ~= "" then headers["Cookie"] = cookie end
      requests[#requests + 1] = wrk.format("GET", path, headers)
    end
  end
  file:close()
  assert(#requests > 0, "no requests in " .. args[1])
  math.randomseed(os.time() * 1000 + (thread_id or 0) * 7919)
end

function request()
  return requests[math.random(#requests)]
end
