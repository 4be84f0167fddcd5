-- Log-line parsing: split on ' ', prefix test, plain find, gsub, upper, tonumber, and a
-- pattern capture for the status.
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local LEVELS = {"INFO", "WARN", "ERROR", "DEBUG"}
local USERS = {"alice", "bob", "carol", "dave", "eve"}
local PATHS = {"/api/v1/items", "/api/v2/users", "/static/app.js", "/health", "/api/v1/orders"}

local function make_lines(n)
    local lines = {}
    local x = 12345
    for i = 1, n do
        x = (x * 1103515245 + 12345) % 2147483648
        local level = LEVELS[x % 4 + 1]
        local user = USERS[x % 5 + 1]
        local path = PATHS[(x // 7) % 5 + 1]
        local latency = (x % 100000) / 1000
        local status = ((x // 11) % 3 == 0) and 500 or 200
        lines[#lines + 1] = string.format("2024-01-15 12:%02d:00 %s user=%s latency=%sms path=%s status=%d",
            i % 60, level, user, tostring(latency), path, status)
    end
    return lines
end

local function split(s, sep)
    local out = {}
    for piece in string.gmatch(s, "([^" .. sep .. "]*)") do out[#out + 1] = piece end
    return out
end

local function analyze(lines)
    local errors, api, total_latency, status_sum, pathlen = 0, 0, 0.0, 0, 0
    local users = {}
    for _, line in ipairs(lines) do
        local fields = split(line, " ")
        local level = fields[3]
        if level:sub(1, 3) == "ERR" then errors = errors + 1 end
        if line:find("/api/", 1, true) then api = api + 1 end
        local user = (fields[4]:gsub("user=", "", 1)):upper()
        users[user] = (users[user] or 0) + 1
        local lat = fields[5]
        total_latency = total_latency + tonumber(lat:sub(9, -3))
        local path = (fields[6]:sub(6):gsub("/", "_"))
        pathlen = pathlen + #path
        local st = line:match("status=(%d+)")
        if st then status_sum = status_sum + tonumber(st) end
    end
    return errors * 1000000 + api * 1000 + math.floor(total_latency + 0.5) + status_sum + pathlen + users["ALICE"]
end

local lines = make_lines(20000)
for run = 1, 3 do
    local t0 = now()
    local r = analyze(lines)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end
