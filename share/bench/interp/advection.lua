-- The chapter's advection_chunk! in Lua 5.4 over nested tables q[t][j][i] (n = 100), the
-- baseline of both advection.dist and advection_shared.dist. Same data and checksum
-- (multiples of 1/16, so sums are exact). Prints "result X" and "elapsed SECONDS" for each of
-- three timed runs; the clock is wall time from date(1) (Lua has none finer than a second).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function advection_chunk(q, u, i1, i2, j1, j2, t1, t2)
    for t = t1, t2 do
        for j = j1, j2 do
            for i = i1, i2 do
                q[t + 1][j][i] = q[t][j][i] + u[t][j][i]
            end
        end
    end
    return q
end

local function advection_serial(q, u)
    return advection_chunk(q, u, 1, #q[1][1], 1, #q[1], 1, #q - 1)
end

local function fresh(n)
    local q, u = {}, {}
    for t = 1, n do
        local qp, up = {}, {}
        for j = 1, n do
            local qr, ur = {}, {}
            for i = 1, n do
                qr[i] = 0.0
                ur[i] = ((i + 2 * j + 3 * t) % 17) * 0.0625
            end
            qp[j], up[j] = qr, ur
        end
        q[t], u[t] = qp, up
    end
    for j = 1, n do
        for i = 1, n do q[1][j][i] = ((i * j) % 13) * 0.125 end
    end
    return q, u
end

local q, u = fresh(100)
for run = 1, 3 do
    local t0 = now()
    advection_serial(q, u)
    local t = now() - t0
    local s = 0.0
    for _, plane in ipairs(q) do
        for _, row in ipairs(plane) do
            for _, x in ipairs(row) do s = s + x end
        end
    end
    print("result " .. string.format("%.17g", s))
    print("elapsed " .. t)
end
