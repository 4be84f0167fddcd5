-- Dijkstra with a binary heap written by hand over an array of {dist, node} pairs.
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function make_graph(n, deg)
    local adj = {}
    local x = 12345
    for u = 1, n do
        local edges = {}
        for _ = 1, deg do
            x = (x * 1103515245 + 12345) % 2147483648
            edges[#edges + 1] = {x % n + 1, (x % 97 + 1) * 1.0}
        end
        edges[#edges + 1] = {u % n + 1, 100.0}
        adj[u] = edges
    end
    return adj
end

local function less(a, b)
    return a[1] < b[1] or (a[1] == b[1] and a[2] < b[2])
end

local function heap_push(h, item)
    h[#h + 1] = item
    local i = #h
    while i > 1 do
        local parent = i // 2
        if less(h[i], h[parent]) then
            h[i], h[parent] = h[parent], h[i]
            i = parent
        else
            break
        end
    end
end

local function heap_pop(h)
    local top = h[1]
    local last = table.remove(h)
    local n = #h
    if n > 0 then
        h[1] = last
        local i = 1
        while true do
            local l = 2 * i
            local r = l + 1
            local smallest = i
            if l <= n and less(h[l], h[smallest]) then smallest = l end
            if r <= n and less(h[r], h[smallest]) then smallest = r end
            if smallest == i then break end
            h[i], h[smallest] = h[smallest], h[i]
            i = smallest
        end
    end
    return top
end

local function dijkstra(adj, src)
    local n = #adj
    local dist = {}
    for i = 1, n do dist[i] = math.huge end
    dist[src] = 0.0
    local heap = {}
    heap_push(heap, {0.0, src})
    while #heap > 0 do
        local item = heap_pop(heap)
        local d, u = item[1], item[2]
        if d <= dist[u] then
            for _, e in ipairs(adj[u]) do
                local v, w = e[1], e[2]
                local nd = d + w
                if nd < dist[v] then
                    dist[v] = nd
                    heap_push(heap, {nd, v})
                end
            end
        end
    end
    local total = 0
    for i = 1, n do
        if dist[i] < math.huge then total = total + math.floor(dist[i]) end
    end
    return total
end

local adj = make_graph(15000, 4)
for run = 1, 3 do
    local t0 = now()
    local r = dijkstra(adj, 1)
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end
