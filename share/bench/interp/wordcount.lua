-- Word counting in Lua 5.4: string.gmatch over the words and a table keyed by string, over
-- the same 200,000-word text as wordcount.dist. Prints "result N" and "elapsed SECONDS" for
-- each of three timed runs; the clock is wall time from date(1).
local function now()
    local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function make_text(n)
    local words = {}
    for i = 1, n do
        words[i] = "w" .. tostring((i * 7919) % 5003) .. (i % 3 == 0 and "ab" or "")
    end
    return table.concat(words, " ")
end

local function count_words(text)
    local counts = {}
    for w in text:gmatch("%S+") do
        counts[w] = (counts[w] or 0) + 1
    end
    return counts
end

local function checksum(counts)
    local s, n = 0, 0
    for w, c in pairs(counts) do
        s = s + c * #w
        n = n + 1
    end
    return s + n
end

local text = make_text(200000)
for run = 1, 3 do
    local t0 = now()
    local r = checksum(count_words(text))
    local t = now() - t0
    print("result " .. r)
    print("elapsed " .. t)
end
