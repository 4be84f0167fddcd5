-- Arrays of tables as mutable records: table.sort with a comparator on the key (ties by id,
-- as a stable sort would leave them), in-place field updates, filter into a new array, and
-- find-first / any / all loops.
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function make_particles(n)
    local v = {}
    local x = 12345
    for i = 1, n do
        x = (x * 1103515245 + 12345) % 2147483648
        v[#v + 1] = {id = i, key = (x % 100000) / 7, energy = x % 1000, alive = true}
    end
    return v
end

local function filter(f, v)
    local out = {}
    for _, p in ipairs(v) do if f(p) then out[#out + 1] = p end end
    return out
end
local function findfirst(f, v)
    for i, p in ipairs(v) do if f(p) then return i end end
    return nil
end
local function any(f, v)
    for _, p in ipairs(v) do if f(p) then return true end end
    return false
end
local function all(f, v)
    for _, p in ipairs(v) do if not f(p) then return false end end
    return true
end

local function simulate(v0, rounds)
    local v = {}
    for i, p in ipairs(v0) do v[i] = {id = p.id, key = p.key, energy = p.energy, alive = p.alive} end
    local total = 0
    for r = 1, rounds do
        table.sort(v, function(a, b) if a.key ~= b.key then return a.key < b.key end return a.id < b.id end)
        for i, p in ipairs(v) do
            p.energy = (p.energy * 31 + i + r) % 1000
            p.key = p.energy + p.id / 100000
            if p.energy < 40 then p.alive = false end
        end
        v = filter(function(p) return p.alive end, v)
        local limit = 990 - r
        local idx = findfirst(function(p) return p.energy > limit end, v)
        total = total + (idx or 0)
        total = total + (any(function(p) return p.energy == r end, v) and 1 or 0)
        total = total + (all(function(p) return p.energy >= 40 end, v) and 10 or 0)
        total = total + #v + v[1].id
    end
    return total
end

local v0 = make_particles(20000)
for run = 1, 3 do
    local t0 = now()
    local r = simulate(v0, 6)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end
