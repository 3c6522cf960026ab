-- POST a JSON body, cycling through one bearer token per simulated patient.
-- Arguments: tokens file (one per line), body file, path.
local tokens, body, path = {}, nil, nil
local counter = 0

function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  local f = io.open(args[2], "rb"); body = f:read("*a"); f:close()
  path = args[3]
  -- Threads start at different tokens so they do not queue on one patient.
  counter = math.random(#tokens)
end

function request()
  counter = counter % #tokens + 1
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[counter],
  }, body)
end
