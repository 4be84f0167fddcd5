-- Building and parsing strings of numbers in Lua 5.4: tostring into a table joined with
-- table.concat, then gmatch over the fields and tonumber back, as numstrings.dist does.
-- Prints "result N" and "elapsed SECONDS" for each of three timed runs; the clock is wall
-- time from date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function build(n)
    local ints, floats = {}, {}
    for i = 1, n do ints[i] = tostring((i * 7919) % 100003) end
    for i = 1, n do floats[i] = tostring((i % 1000) + 0.25) end
    return table.concat(ints, ","), table.concat(floats, ",")
end

local function parse_back(ints, floats)
    local total = 0
    for w in ints:gmatch("[^,]+") do
        total = total + math.tointeger(tonumber(w))
    end
    local ftotal = 0.0
    for w in floats:gmatch("[^,]+") do
        ftotal = ftotal + tonumber(w)
    end
    return total + math.tointeger(4 * ftotal)
end

local function numstrings(n)
    local ints, floats = build(n)
    return parse_back(ints, floats) + #ints + #floats
end

for run = 1, 3 do
    local t0 = now()
    local r = numstrings(50000)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end
