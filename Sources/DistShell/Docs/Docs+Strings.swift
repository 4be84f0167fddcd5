/// Strings and characters.
extension Docs {
    static let strings: [String: String] = [
        "string": #"""
                string(xs...)

            The arguments printed one after another into a new string (as `print` shows them).
            `"a $x b"` interpolates the same way.

            # Examples
            ```jldoctest
            dist> string(1, "a", 2.5)
            "1a2.5"

            dist> x = 7; "x is $x, twice $(2x)"
            "x is 7, twice 14"
            ```
            """#,
        "repr": #"""
                repr(x) -> String

            `x` as `show` writes it: the form you would type to get `x` back.

            # Examples
            ```jldoctest
            dist> repr("a"), repr(1.0)
            ("\"a\"", "1.0")
            ```
            """#,
        "lowercase": #"""
                lowercase(s)

            `s` with every letter in lower case (a character, too).

            # Examples
            ```jldoctest
            dist> lowercase("AbC")
            "abc"
            ```
            """#,
        "uppercase": #"""
                uppercase(s)

            `s` with every letter in upper case.

            # Examples
            ```jldoctest
            dist> uppercase("abc")
            "ABC"
            ```
            """#,
        "lowercasefirst": #"""
                lowercasefirst(s)

            `s` with its first character in lower case.

            # Examples
            ```jldoctest
            dist> lowercasefirst("ABC")
            "aBC"
            ```
            """#,
        "uppercasefirst": #"""
                uppercasefirst(s)

            `s` with its first character in upper case.

            # Examples
            ```jldoctest
            dist> uppercasefirst("abc")
            "Abc"
            ```
            """#,
        "strip": #"""
                strip(s)

            `s` without white space at either end.

            # Examples
            ```jldoctest
            dist> strip("  a b  ")
            "a b"
            ```
            """#,
        "lstrip": #"""
                lstrip(s)

            `s` without white space at its start.

            # Examples
            ```jldoctest
            dist> lstrip("  a ")
            "a "
            ```
            """#,
        "rstrip": #"""
                rstrip(s)

            `s` without white space at its end.

            # Examples
            ```jldoctest
            dist> rstrip(" a  ")
            " a"
            ```
            """#,
        "chomp": #"""
                chomp(s)

            `s` without one trailing newline.

            # Examples
            ```jldoctest
            dist> chomp("line\n")
            "line"
            ```
            """#,
        "chop": #"""
                chop(s)

            `s` without its last character.

            # Examples
            ```jldoctest
            dist> chop("abc")
            "ab"
            ```
            """#,
        "split": #"""
                split(s, [delim]; limit=0, keepempty=true)

            The parts of `s` between occurrences of `delim` (a string or character); without
            `delim`, the words between runs of white space.

            # Keywords
            - `limit`: at most this many parts (the last holds the rest).
            - `keepempty`: whether to keep empty parts.

            # Examples
            ```jldoctest
            dist> split("a b  c")
            3-element Array{String,1}:
             "a"
             "b"
             "c"

            dist> split("a,b,c", ","; limit=2)
            2-element Array{String,1}:
             "a"
             "b,c"
            ```
            """#,
        "join": #"""
                join(items, [delim, [last]])

            The items printed into one string, separated by `delim` (and `last` before the last).

            # Examples
            ```jldoctest
            dist> join([1, 2, 3], ", ", " and ")
            "1, 2 and 3"
            ```
            """#,
        "replace": #"""
                replace(s, pattern => replacement; count)

            `s` with occurrences of `pattern` (a string or character) replaced; at most `count`
            of them if given.

            # Examples
            ```jldoctest
            dist> replace("hello", "l" => "L")
            "heLLo"

            dist> replace("hello", "l" => "L"; count=1)
            "heLlo"
            ```
            """#,
        "startswith": #"""
                startswith(s, prefix) -> Bool

            Whether `s` starts with `prefix`.

            # Examples
            ```jldoctest
            dist> startswith("distributed", "dist")
            true
            ```
            """#,
        "endswith": #"""
                endswith(s, suffix) -> Bool

            Whether `s` ends with `suffix`.

            # Examples
            ```jldoctest
            dist> endswith("file.dist", ".dist")
            true
            ```
            """#,
        "occursin": #"""
                occursin(needle, haystack) -> Bool

            Whether `needle` occurs in the string `haystack`.

            # Examples
            ```jldoctest
            dist> occursin("ell", "hello")
            true
            ```
            """#,
        "contains": #"""
                contains(haystack, needle) -> Bool

            `occursin(needle, haystack)`.

            # Examples
            ```jldoctest
            dist> contains("hello", "xyz")
            false
            ```
            """#,
        "lpad": #"""
                lpad(s, n, [p=" "])

            `s` (printed) padded on the left with `p` to `n` characters.

            # Examples
            ```jldoctest
            dist> lpad(7, 3, "0")
            "007"
            ```
            """#,
        "rpad": #"""
                rpad(s, n, [p=" "])

            `s` (printed) padded on the right with `p` to `n` characters.

            # Examples
            ```jldoctest
            dist> rpad("a", 3, ".")
            "a.."
            ```
            """#,
        "parse": #"""
                parse(T, s; base=10)

            The number of type `T` written in the string `s`; an `ArgumentError` if it is not one.

            # Examples
            ```jldoctest
            dist> parse(Int, "42"), parse(Float64, "2.5"), parse(Int, "ff"; base=16)
            (42, 2.5, 255)
            ```
            """#,
        "tryparse": #"""
                tryparse(T, s; base=10)

            Like `parse`, but `nothing` when `s` is not a number.

            # Examples
            ```jldoctest
            dist> tryparse(Int, "12"), tryparse(Int, "x")
            (12, nothing)
            ```
            """#,
        "codepoint": #"""
                codepoint(c::Char) -> Int

            The Unicode code point of a character.

            # Examples
            ```jldoctest
            dist> codepoint('A')
            65
            ```
            """#,
        "codeunits": #"""
                codeunits(s) -> Vector

            The bytes of the UTF-8 encoding of `s`.

            # Examples
            ```jldoctest
            dist> codeunits("ab")
            2-element Array{UInt8,1}:
             97
             98
            ```
            """#,
        "ncodeunits": #"""
                ncodeunits(s) -> Int

            The number of bytes in the UTF-8 encoding of `s` (the last valid index is at most
            this).

            # Examples
            ```jldoctest
            dist> ncodeunits("é"), length("é")
            (2, 1)
            ```
            """#,
        "nextind": #"""
                nextind(s, i)

            The index of the character after the one at byte index `i` (strings index by bytes,
            and a character may take several).

            # Examples
            ```jldoctest
            dist> nextind("éa", 1)
            3
            ```
            """#,
        "prevind": #"""
                prevind(s, i)

            The index of the character before byte index `i`.

            # Examples
            ```jldoctest
            dist> prevind("éa", 3)
            1
            ```
            """#,
        "thisind": #"""
                thisind(s, i)

            The index where the character holding byte `i` starts.

            # Examples
            ```jldoctest
            dist> thisind("éa", 2)
            1
            ```
            """#,
        "textwidth": #"""
                textwidth(s) -> Int

            The number of columns `s` takes on a terminal.

            # Examples
            ```jldoctest
            dist> textwidth("abc")
            3
            ```
            """#,
        "isascii": #"""
                isascii(c) -> Bool

            Whether a character (or every character of a string) is ASCII.

            # Examples
            ```jldoctest
            dist> isascii("abc"), isascii("é")
            (true, false)
            ```
            """#,
        "isdigit": #"""
                isdigit(c::Char) -> Bool

            Whether `c` is a decimal digit, 0 to 9.

            # Examples
            ```jldoctest
            dist> isdigit('5'), isdigit('x')
            (true, false)
            ```
            """#,
        "isletter": #"""
                isletter(c::Char) -> Bool

            Whether `c` is a letter.

            # Examples
            ```jldoctest
            dist> filter(isletter, "a1b2")
            "ab"
            ```
            """#,
        "islowercase": #"""
                islowercase(c::Char) -> Bool

            Whether `c` is a lower-case letter.

            # Examples
            ```jldoctest
            dist> islowercase('a')
            true
            ```
            """#,
        "isuppercase": #"""
                isuppercase(c::Char) -> Bool

            Whether `c` is an upper-case letter.

            # Examples
            ```jldoctest
            dist> isuppercase('a')
            false
            ```
            """#,
        "isnumeric": #"""
                isnumeric(c::Char) -> Bool

            Whether `c` is numeric (digits, and other numerals such as `½`).

            # Examples
            ```jldoctest
            dist> isnumeric('7')
            true
            ```
            """#,
        "ispunct": #"""
                ispunct(c::Char) -> Bool

            Whether `c` is punctuation.

            # Examples
            ```jldoctest
            dist> ispunct(',')
            true
            ```
            """#,
        "isspace": #"""
                isspace(c::Char) -> Bool

            Whether `c` is white space (space, tab, newline…).

            # Examples
            ```jldoctest
            dist> isspace(' '), isspace('a')
            (true, false)
            ```
            """#,
        "isxdigit": #"""
                isxdigit(c::Char) -> Bool

            Whether `c` is a hexadecimal digit.

            # Examples
            ```jldoctest
            dist> isxdigit('f'), isxdigit('g')
            (true, false)
            ```
            """#,
        "string_length": #"""
                Base.string_length(s) -> Int

            The number of characters of `s` (what `length` counts).

            # Examples
            ```jldoctest
            dist> Base.string_length("héllo")
            5
            ```
            """#,
        "sprintf": #"""
                Base.sprintf(format, args...) -> String

            The function behind `@sprintf`.

            # Examples
            ```jldoctest
            dist> Base.sprintf("%03d", 5)
            "005"
            ```
            """#,
        "printf": #"""
                Base.printf(format, args...)

            The function behind `@printf`.

            # Examples
            ```jldoctest
            dist> Base.printf("%.1f\n", 2.25)
            2.2
            ```
            """#,
        "Regex": #"""
                Regex(pattern)
                r"pattern"

            A regular expression, for `occursin`, `match`, `eachmatch`, `replace(s, r => t)`,
            `split(s, r)`, `findfirst`, `startswith` and `@test_logs`. The text of `r"…"` is taken
            as written (`r"\d+"`, and `$` is an anchor). dist compiles it with ICU's syntax
            (through Foundation), which agrees with Julia's PCRE for everyday patterns; an
            invalid pattern is an error.

            # Examples
            ```jldoctest
            dist> occursin(r"a+b", "xaab"), occursin(Regex("^[0-9]+\$"), "12a")
            (true, false)

            dist> replace("a1b22", r"\d+" => "#"), split("a, b,c", r",\s*")
            ("a#b#", ["a", "b", "c"])

            dist> typeof(r"a.c")
            Regex
            ```
            """#,
        "match": #"""
                match(r::Regex, s::String, [idx::Int = 1])

            The first match of `r` in `s` from byte index `idx` on, as a `RegexMatch`, or
            `nothing` if there is none.

            # Examples
            ```jldoctest
            dist> m = match(r"(\d+)-(\d+)", "a 12-34 b")
            RegexMatch("12-34", 1="12", 2="34")

            dist> m.match, m[1], m.offset
            ("12-34", "12", 3)

            dist> match(r"\d", "abc") === nothing
            true
            ```
            """#,
        "eachmatch": #"""
                eachmatch(r::Regex, s::String)

            Every match of `r` in `s`, left to right and not overlapping, as `RegexMatch`es.

            # Examples
            ```jldoctest
            dist> [m.match for m in eachmatch(r"\d+", "1 22 333")]
            3-element Array{String,1}:
             "1"
             "22"
             "333"
            ```
            """#,
        "RegexMatch": #"""
                RegexMatch

            A match of a `Regex` (from `match` and `eachmatch`): `m.match` is the text matched,
            `m.captures` the capture groups' texts (`nothing` for a group that took no part),
            `m.offset` and `m.offsets` where they start (byte indices), and `m[i]` the text of
            group `i`.

            # Examples
            ```jldoctest
            dist> m = match(r"(a)(x)?", "ba");

            dist> m.captures, m.offsets
            (Union{Nothing, String}["a", nothing], [2, 0])
            ```
            """#,
    ]
}
