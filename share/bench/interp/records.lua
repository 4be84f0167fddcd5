-- Records in Lua 5.4, as records.dist: tables with name, group and score, sorted with
-- table.sort and a comparator, grouped into a table of arrays. Prints "result X" and
-- "elapsed SECONDS" for each of three timed runs; the clock is wall time from date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function make_records(n)
    local x = 12345
    local records = {}
    for i = 1, n do
        x = (x * 1103515245 + 12345) % 2147483648
        records[i] = {name = "r" .. i, group = "g" .. (x % 17), score = (x % 100000) / 100}
    end
    return records
end

local function summarize(records)
    local sorted = {}
    for i, r in ipairs(records) do sorted[i] = r end
    table.sort(sorted, function(a, b) return a.score > b.score end)
    local groups, ngroups = {}, 0
    for _, r in ipairs(sorted) do
        local g = groups[r.group]
        if g == nil then g = {}; groups[r.group] = g; ngroups = ngroups + 1 end
        g[#g + 1] = r.score
    end
    local total = 0.0
    for _, scores in pairs(groups) do
        local s = 0.0
        for _, v in ipairs(scores) do s = s + v end
        total = total + s / #scores
    end
    local names = {}
    for i = 1, 10 do names[i] = sorted[i].name end
    local best = table.concat(names, ",")
    return total + #best + ngroups
end

for run = 1, 3 do
    local t0 = now()
    local r = summarize(make_records(50000))
    local t = now() - t0
    print(string.format("result %.6f", r))
    print("elapsed " .. t)
end
