-- 2-D loops in Lua 5.4: the game of life on 100×100 tables of rows with a dead border, 20
-- generations, as life.dist does (grid[i][j] with i the row). Prints "result N" and
-- "elapsed SECONDS" for each of three timed runs; the clock is wall time from date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function step(nxt, grid)
    local n, m = #grid, #grid[1]
    for j = 2, m - 1 do
        for i = 2, n - 1 do
            local live = 0
            for dj = -1, 1 do
                for di = -1, 1 do
                    if di ~= 0 or dj ~= 0 then
                        live = live + grid[i + di][j + dj]
                    end
                end
            end
            local cell = grid[i][j]
            nxt[i][j] = (live == 3 or (cell == 1 and live == 2)) and 1 or 0
        end
    end
    return nxt
end

local function zeros(n)
    local g = {}
    for i = 1, n do
        local row = {}
        for j = 1, n do row[j] = 0 end
        g[i] = row
    end
    return g
end

local function life(n, generations)
    local grid = zeros(n)
    for j = 2, n - 1 do
        for i = 2, n - 1 do
            grid[i][j] = (i * 7 + j * 13 + i * j) % 7 == 0 and 1 or 0
        end
    end
    local nxt = zeros(n)
    local total = 0
    for g = 1, generations do
        step(nxt, grid)
        grid, nxt = nxt, grid
        local s = 0
        for i = 1, n do
            for j = 1, n do s = s + grid[i][j] end
        end
        total = total + g * s
    end
    return total
end

for run = 1, 3 do
    local t0 = now()
    local r = life(100, 20)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end
