-- Breadth-first search in Lua 5.4, as bfs.dist: a table of adjacency tables, a table as the
-- queue with a head index. Prints "result N" and "elapsed SECONDS" for each of three timed
-- runs; the clock is wall time from date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function graph(n, degree)
    local adj = {}
    for v = 1, n do adj[v] = {} end
    local x = 7
    for v = 1, n do
        for _ = 1, degree do
            x = (x * 1103515245 + 12345) % 2147483648
            local w = x % n + 1
            local a = adj[v]; a[#a + 1] = w
            local b = adj[w]; b[#b + 1] = v
        end
    end
    return adj
end

local function bfs(adj, source)
    local n = #adj
    local dist = {}
    for i = 1, n do dist[i] = -1 end
    dist[source] = 0
    local queue = {source}
    local head, tail = 1, 1
    while head <= tail do
        local v = queue[head]
        head = head + 1
        local edges = adj[v]
        for k = 1, #edges do
            local w = edges[k]
            if dist[w] < 0 then
                dist[w] = dist[v] + 1
                tail = tail + 1
                queue[tail] = w
            end
        end
    end
    local total, reached = 0, 0
    for i = 1, n do
        local d = dist[i]
        if d >= 0 then
            total = total + d
            reached = reached + 1
        end
    end
    return total + reached
end

local adj = graph(100000, 4)
for run = 1, 3 do
    local t0 = now()
    local r = bfs(adj, 1)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end
