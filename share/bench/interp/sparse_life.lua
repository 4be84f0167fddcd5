-- Sparse game of life: live cells in a table keyed by an encoded (x, y) integer, neighbour
-- counts in another table; 40 generations from a pseudo-random 60x60 start.
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local OFF, W = 100000, 1000000
local function key(x, y) return (x + OFF) * W + (y + OFF) end
local function unkey(k) return k // W - OFF, k % W - OFF end

local function initial_cells(n)
    local cells = {}
    local x = 12345
    for i = 1, n do
        for j = 1, n do
            x = (x * 1103515245 + 12345) % 2147483648
            if x % 3 == 0 then cells[key(i, j)] = true end
        end
    end
    return cells
end

local function step(cells)
    local counts = {}
    for k in pairs(cells) do
        local x, y = unkey(k)
        for dx = -1, 1 do
            for dy = -1, 1 do
                if dx ~= 0 or dy ~= 0 then
                    local kk = key(x + dx, y + dy)
                    counts[kk] = (counts[kk] or 0) + 1
                end
            end
        end
    end
    local nxt = {}
    for k, c in pairs(counts) do
        if c == 3 or (c == 2 and cells[k]) then nxt[k] = true end
    end
    return nxt
end

local function life(cells, generations)
    local total = 0
    for g = 1, generations do
        cells = step(cells)
        local n = 0
        for _ in pairs(cells) do n = n + 1 end
        total = total + n * g
    end
    for k in pairs(cells) do
        local x, y = unkey(k)
        total = total + x * 7 + y * 13
    end
    return total
end

local cells0 = initial_cells(60)
for run = 1, 3 do
    local t0 = now()
    local r = life(cells0, 40)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end
