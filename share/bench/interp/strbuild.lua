-- String building in Lua 5.4: .. concatenation, string.format for the interpolated line,
-- table.concat for the join, as strbuild.dist does. Prints "result N" and "elapsed SECONDS"
-- for each of three timed runs; the clock is wall time from date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function record(k)
    local name = "item" .. tostring(k % 97) .. "_" .. tostring(k)
    local line = string.format("%s: %d units at %d.5", name, k * 3, k % 10)
    local fields = table.concat({name, tostring(k), line}, ";")
    local s = ""
    for i = 1, 8 do
        s = s .. "x" .. tostring(i)
    end
    local _, ones = fields:gsub("1", "")
    return #fields + #s + ones
end

local function strbuild(n)
    local total = 0
    for k = 1, n do
        total = total + record(k)
    end
    return total
end

for run = 1, 3 do
    local t0 = now()
    local r = strbuild(20000)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end
