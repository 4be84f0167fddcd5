/// Numbers: arithmetic and comparison operators, elementary functions, rounding, integers.
extension Docs {
    static let math: [String: String] = [
        "+": #"""
                +(x, y...)

            Addition (or, with one argument, the identity). Integers wrap around on overflow;
            mixed integers and floats give floats. Arrays of the same size add elementwise; use
            `.+` to broadcast a scalar.

            # Examples
            ```jldoctest
            dist> 1 + 2.5
            3.5

            dist> [1, 2] + [10, 20]
            2-element Array{Int64,1}:
             11
             22
            ```
            """#,
        "-": #"""
                -(x, y)
                -(x)

            Subtraction, or negation.

            # Examples
            ```jldoctest
            dist> 5 - 7, -(3)
            (-2, -3)
            ```
            """#,
        "*": #"""
                *(x, y...)

            Multiplication; for matrices and vectors the matrix product (by OpenBLAS), for strings
            concatenation. A number before a name multiplies it: `2x`.

            # Examples
            ```jldoctest
            dist> x = 3; 2x
            6

            dist> [1 2; 3 4] * [1, 1]
            2-element Array{Int64,1}:
             3
             7

            dist> "ab" * "cd"
            "abcd"
            ```
            """#,
        "/": #"""
                /(x, y)

            Division; always a float for numbers (`1 / 2 == 0.5`); see `div` and `÷` for integer
            division.

            # Examples
            ```jldoctest
            dist> 1 / 2, 4 / 2
            (0.5, 2.0)
            ```
            """#,
        "\\": #"""
                \(x, y)

            Left division: `x \ y == y / x` for numbers; for a matrix `A` and vector `b`, the
            solution of `A * x = b` (by LAPACK).

            # Examples
            ```jldoctest
            dist> [2.0 0.0; 0.0 4.0] \ [2.0, 2.0]
            2-element Array{Float64,1}:
             1.0
             0.5
            ```
            """#,
        "^": #"""
                ^(x, y)

            Power. For integers with an integer exponent the result is an integer (wrapping on
            overflow); a negative integer exponent of an integer is an error, so write `2.0^-1`.

            # Examples
            ```jldoctest
            dist> 2^10, 2.0^-1
            (1024, 0.5)
            ```
            """#,
        "%": #"""
                %(x, y)
                rem(x, y)

            The remainder of `div(x, y)`, with the sign of `x`.

            # Examples
            ```jldoctest
            dist> 7 % 3, -7 % 3
            (1, -1)
            ```
            """#,
        "rem": #"""
                rem(x, y)
                x % y

            The remainder after truncating division: `x - div(x, y) * y`, with the sign of `x`.

            # Examples
            ```jldoctest
            dist> rem(-7, 2)
            -1
            ```
            """#,
        "÷": #"""
                ÷(x, y)
                div(x, y)

            Integer division, truncated toward zero (type `\div` then Tab).

            # Examples
            ```jldoctest
            dist> 7 ÷ 2, -7 ÷ 2
            (3, -3)
            ```
            """#,
        "div": #"""
                div(x, y)
                x ÷ y

            The quotient of `x / y` truncated toward zero; a `DivideError` for an integer division
            by zero.

            # Examples
            ```jldoctest
            dist> div(7, 2), div(-7, 2)
            (3, -3)
            ```
            """#,
        "//": #"""
                //(num, den)

            Julia's exact rational numbers; dist does not have them (`Rational` is not modelled),
            so `//` is an error. Use floats, or keep numerator and denominator as integers.
            """#,
        "fld": #"""
                fld(x, y)

            The quotient of `x / y` rounded down (toward negative infinity).

            # Examples
            ```jldoctest
            dist> fld(-7, 2)
            -4
            ```
            """#,
        "cld": #"""
                cld(x, y)

            The quotient of `x / y` rounded up.

            # Examples
            ```jldoctest
            dist> cld(7, 2)
            4
            ```
            """#,
        "mod": #"""
                mod(x, y)

            The remainder after flooring division, with the sign of `y`: `x - fld(x, y) * y`.

            # Examples
            ```jldoctest
            dist> mod(-7, 3)
            2
            ```
            """#,
        "mod1": #"""
                mod1(x, y)

            The modulus in `1:y` rather than `0:y-1`: handy for wrapping 1-based indices.

            # Examples
            ```jldoctest
            dist> mod1(3, 3), mod1(4, 3)
            (3, 1)
            ```
            """#,
        "divrem": #"""
                divrem(x, y) -> (div(x, y), rem(x, y))

            Quotient and remainder at once.

            # Examples
            ```jldoctest
            dist> divrem(7, 2)
            (3, 1)
            ```
            """#,
        "==": #"""
                ==(x, y) -> Bool

            Equality of values: numbers by value across types (`1 == 1.0`), arrays, tuples,
            strings and dictionaries by their contents. `NaN == NaN` is false (see `isequal`).

            # Examples
            ```jldoctest
            dist> 1 == 1.0, [1, 2] == [1.0, 2.0], NaN == NaN
            (true, true, false)
            ```
            """#,
        "!=": #"""
                !=(x, y) -> Bool
                x ≠ y

            `!(x == y)`.

            # Examples
            ```jldoctest
            dist> 1 != 2
            true
            ```
            """#,
        "≠": #"""
                ≠(x, y) -> Bool

            `x != y` (type `\ne` then Tab).

            # Examples
            ```jldoctest
            dist> 3 ≠ 3.0
            false
            ```
            """#,
        "===": #"""
                ===(x, y) -> Bool
                x ≡ y

            Identity: the same object (for mutable values) or indistinguishable values (for
            immutable ones, including their types: `1 === 1.0` is false).

            # Examples
            ```jldoctest
            dist> a = [1]; b = [1];

            dist> a === a, a === b, 1 === 1.0
            (true, false, false)
            ```
            """#,
        "≡": #"""
                ≡(x, y) -> Bool

            `x === y` (type `\equiv` then Tab).

            # Examples
            ```jldoctest
            dist> :a ≡ :a
            true
            ```
            """#,
        "!==": #"""
                !==(x, y) -> Bool

            `!(x === y)`.

            # Examples
            ```jldoctest
            dist> 1 !== 1.0
            true
            ```
            """#,
        "<": #"""
                <(x, y) -> Bool

            Less than: numbers, strings (by code points), tuples and vectors (lexicographically).
            Comparisons chain: `a < b <= c`.

            # Examples
            ```jldoctest
            dist> 1 < 2 <= 2, "abc" < "abd"
            (true, true)
            ```
            """#,
        "<=": #"""
                <=(x, y) -> Bool
                x ≤ y

            Less than or equal.

            # Examples
            ```jldoctest
            dist> 2 <= 2.0
            true
            ```
            """#,
        "≤": #"""
                ≤(x, y) -> Bool

            `x <= y` (type `\le` then Tab).

            # Examples
            ```jldoctest
            dist> 1 ≤ 2
            true
            ```
            """#,
        ">": #"""
                >(x, y) -> Bool

            Greater than.

            # Examples
            ```jldoctest
            dist> 3 > 2.5
            true
            ```
            """#,
        ">=": #"""
                >=(x, y) -> Bool
                x ≥ y

            Greater than or equal.

            # Examples
            ```jldoctest
            dist> 3 >= 4
            false
            ```
            """#,
        "≥": #"""
                ≥(x, y) -> Bool

            `x >= y` (type `\ge` then Tab).

            # Examples
            ```jldoctest
            dist> 5 ≥ 5
            true
            ```
            """#,
        "isequal": #"""
                isequal(x, y) -> Bool

            Equality as dictionaries and sets use it: like `==`, but `NaN` equals `NaN` and `-0.0`
            differs from `0.0`.

            # Examples
            ```jldoctest
            dist> isequal(NaN, NaN), isequal(0.0, -0.0)
            (true, false)
            ```
            """#,
        "cmp": #"""
                cmp(x, y) -> Int

            `-1`, `0` or `1` as `x` is less than, equal to or greater than `y`, in the total order
            `isless` gives numbers (`NaN` after every number, `-0.0` before `0.0`); strings compare
            by their bytes.

            # Examples
            ```jldoctest
            dist> cmp(1, 2), cmp(2.0, 2), cmp("b", "a"), cmp(-0.0, 0.0), cmp(NaN, 1.0)
            (-1, 0, 1, -1, 1)
            ```
            """#,
        "isless": #"""
                isless(x, y) -> Bool

            The total order `sort` uses: like `<`, with `NaN` after every number.

            # Examples
            ```jldoctest
            dist> isless(1, 2), isless(NaN, 1.0)
            (true, false)
            ```
            """#,
        "isapprox": #"""
                isapprox(x, y; rtol=√eps, atol=0) -> Bool
                x ≈ y

            Whether `x` and `y` are equal up to rounding: `|x - y| <= max(atol, rtol * max(|x|,
            |y|))`, elementwise for arrays.

            # Keywords
            - `rtol`: the relative tolerance (by default the square root of `eps`).
            - `atol`: the absolute tolerance, for values near zero.

            # Examples
            ```jldoctest
            dist> 0.1 + 0.2 == 0.3, 0.1 + 0.2 ≈ 0.3
            (false, true)
            ```
            """#,
        "≈": #"""
                ≈(x, y) -> Bool

            `isapprox(x, y)` (type `\approx` then Tab).

            # Examples
            ```jldoctest
            dist> sqrt(2)^2 ≈ 2
            true
            ```
            """#,
        "!": #"""
                !(x::Bool)

            Boolean not. `!f` for a function is the function returning the opposite.

            # Examples
            ```jldoctest
            dist> !true, !(1 > 2)
            (false, true)
            ```
            """#,
        "&": #"""
                &(x, y)

            Bitwise and of integers; logical and of `Bool`s (both sides evaluated, unlike `&&`).

            # Examples
            ```jldoctest
            dist> 6 & 3, true & false
            (2, false)
            ```
            """#,
        "|": #"""
                |(x, y)

            Bitwise or of integers; logical or of `Bool`s (both sides evaluated, unlike `||`).

            # Examples
            ```jldoctest
            dist> 6 | 3
            7
            ```
            """#,
        "~": #"""
                ~(x)

            Bitwise not.

            # Examples
            ```jldoctest
            dist> ~0
            -1
            ```
            """#,
        "xor": #"""
                xor(x, y)
                x ⊻ y

            Bitwise exclusive or.

            # Examples
            ```jldoctest
            dist> xor(6, 3), true ⊻ true
            (5, false)
            ```
            """#,
        "⊻": #"""
                ⊻(x, y)

            `xor(x, y)` (type `\xor` then Tab).

            # Examples
            ```jldoctest
            dist> 6 ⊻ 3
            5
            ```
            """#,
        "<<": #"""
                <<(x, n)

            Shift the bits of `x` left by `n`.

            # Examples
            ```jldoctest
            dist> 1 << 10
            1024
            ```
            """#,
        ">>": #"""
                >>(x, n)

            Arithmetic shift right (the sign bit is kept).

            # Examples
            ```jldoctest
            dist> -8 >> 1
            -4
            ```
            """#,
        ">>>": #"""
                >>>(x, n)

            Logical shift right (zeros come in).

            # Examples
            ```jldoctest
            dist> -8 >>> 60
            15
            ```
            """#,
        "∘": #"""
                ∘(f, g)

            Function composition: `(f ∘ g)(x) == f(g(x))` (type `\circ` then Tab).

            # Examples
            ```jldoctest
            dist> (sqrt ∘ abs)(-16)
            4.0
            ```
            """#,
        "abs": #"""
                abs(x)

            The absolute value.

            # Examples
            ```jldoctest
            dist> abs(-3), abs(2.5)
            (3, 2.5)
            ```
            """#,
        "abs2": #"""
                abs2(x)

            The squared absolute value, `x * x`.

            # Examples
            ```jldoctest
            dist> abs2(-3)
            9
            ```
            """#,
        "sign": #"""
                sign(x)

            -1, 0 or 1 as `x` is negative, zero or positive (in `x`'s type).

            # Examples
            ```jldoctest
            dist> sign(-2.5), sign(0)
            (-1.0, 0)
            ```
            """#,
        "signbit": #"""
                signbit(x) -> Bool

            Whether the sign bit of `x` is set (true for `-0.0`).

            # Examples
            ```jldoctest
            dist> signbit(-0.0), signbit(1)
            (true, false)
            ```
            """#,
        "sqrt": #"""
                sqrt(x)
                √x

            The square root, as a float; a `DomainError` for a negative number.

            # Examples
            ```jldoctest
            dist> sqrt(16), √2
            (4.0, 1.4142135623730951)
            ```
            """#,
        "∛": #"""
                ∛(x)

            The real cube root of `x` (`cbrt`); also a prefix operator, `∛27`. Typed as `\cbrt`
            then Tab.

            # Examples
            ```jldoctest
            dist> ∛(27.0)
            3.0
            ```
            """#,
        "√": #"""
                √(x)
                √x

            `sqrt(x)`, as a prefix operator or a function (type `\sqrt` then Tab).

            # Examples
            ```jldoctest
            dist> √16
            4.0
            ```
            """#,
        "cbrt": #"""
                cbrt(x)

            The cube root.

            # Examples
            ```jldoctest
            dist> cbrt(27), cbrt(-8)
            (3.0, -2.0)
            ```
            """#,
        "hypot": #"""
                hypot(x, y)

            `sqrt(x^2 + y^2)`, without overflow or underflow on the way.

            # Examples
            ```jldoctest
            dist> hypot(3, 4)
            5.0
            ```
            """#,
        "exp": #"""
                exp(x)

            The natural exponential, `ℯ^x`.

            # Examples
            ```jldoctest
            dist> exp(0), exp(1)
            (1.0, 2.718281828459045)
            ```
            """#,
        "exp2": #"""
                exp2(x)

            `2^x`, as a float.

            # Examples
            ```jldoctest
            dist> exp2(10)
            1024.0
            ```
            """#,
        "expm1": #"""
                expm1(x)

            `exp(x) - 1`, accurate near zero.

            # Examples
            ```jldoctest
            dist> expm1(1e-10)
            1.00000000005e-10
            ```
            """#,
        "log": #"""
                log(x)
                log(b, x)

            The natural logarithm, or the base-`b` one; a `DomainError` for a negative `x`.

            # Examples
            ```jldoctest
            dist> log(ℯ), log(2, 8)
            (1.0, 3.0)
            ```
            """#,
        "log2": #"""
                log2(x)

            The base-2 logarithm.

            # Examples
            ```jldoctest
            dist> log2(1024)
            10.0
            ```
            """#,
        "log10": #"""
                log10(x)

            The base-10 logarithm.

            # Examples
            ```jldoctest
            dist> log10(1000)
            3.0
            ```
            """#,
        "log1p": #"""
                log1p(x)

            `log(1 + x)`, accurate near zero.

            # Examples
            ```jldoctest
            dist> log1p(0)
            0.0
            ```
            """#,
        "sin": #"""
                sin(x)

            The sine of `x` radians.

            # Examples
            ```jldoctest
            dist> sin(π / 2)
            1.0
            ```
            """#,
        "cos": #"""
                cos(x)

            The cosine of `x` radians.

            # Examples
            ```jldoctest
            dist> cos(0)
            1.0
            ```
            """#,
        "tan": #"""
                tan(x)

            The tangent of `x` radians.

            # Examples
            ```jldoctest
            dist> tan(0)
            0.0
            ```
            """#,
        "sinpi": #"""
                sinpi(x)

            `sin(π * x)`, exact at whole and half numbers.

            # Examples
            ```jldoctest
            dist> sinpi(0.5)
            1.0
            ```
            """#,
        "cospi": #"""
                cospi(x)

            `cos(π * x)`, exact at whole and half numbers.

            # Examples
            ```jldoctest
            dist> cospi(1)
            -1.0
            ```
            """#,
        "asin": #"""
                asin(x)

            The inverse sine, in radians.

            # Examples
            ```jldoctest
            dist> asin(1.0)
            1.5707963267948966
            ```
            """#,
        "acos": #"""
                acos(x)

            The inverse cosine, in radians.

            # Examples
            ```jldoctest
            dist> acos(1.0)
            0.0
            ```
            """#,
        "atan": #"""
                atan(y)
                atan(y, x)

            The inverse tangent; with two arguments the angle of the point `(x, y)`, in
            `[-π, π]`.

            # Examples
            ```jldoctest
            dist> atan(1.0), atan(1, -1)
            (0.7853981633974483, 2.356194490192345)
            ```
            """#,
        "sinh": #"""
                sinh(x)

            The hyperbolic sine.

            # Examples
            ```jldoctest
            dist> sinh(0)
            0.0
            ```
            """#,
        "cosh": #"""
                cosh(x)

            The hyperbolic cosine.

            # Examples
            ```jldoctest
            dist> cosh(0)
            1.0
            ```
            """#,
        "tanh": #"""
                tanh(x)

            The hyperbolic tangent.

            # Examples
            ```jldoctest
            dist> tanh(0)
            0.0
            ```
            """#,
        "round": #"""
                round(x; digits=0)
                round(T, x)

            Round to the nearest integer (ties to even, as IEEE), or to `digits` decimals; with a
            type, convert the result to it.

            # Examples
            ```jldoctest
            dist> round(2.5), round(3.5), round(Int, 2.6)
            (2.0, 4.0, 3)

            dist> round(3.14159, digits=2)
            3.14
            ```
            """#,
        "floor": #"""
                floor(x)
                floor(T, x)

            The largest integer not above `x` (in `x`'s type, or in `T`).

            # Examples
            ```jldoctest
            dist> floor(-1.5), floor(Int, 2.7)
            (-2.0, 2)
            ```
            """#,
        "ceil": #"""
                ceil(x)
                ceil(T, x)

            The smallest integer not below `x`.

            # Examples
            ```jldoctest
            dist> ceil(1.2), ceil(Int, 1.2)
            (2.0, 2)
            ```
            """#,
        "trunc": #"""
                trunc(x)
                trunc(T, x)

            `x` rounded toward zero.

            # Examples
            ```jldoctest
            dist> trunc(-2.7), trunc(Int, 2.7)
            (-2.0, 2)
            ```
            """#,
        "gcd": #"""
                gcd(x, y...)

            The greatest common divisor.

            # Examples
            ```jldoctest
            dist> gcd(12, 18)
            6
            ```
            """#,
        "lcm": #"""
                lcm(x, y...)

            The least common multiple.

            # Examples
            ```jldoctest
            dist> lcm(4, 6)
            12
            ```
            """#,
        "factorial": #"""
                factorial(n)

            `n!`; an `OverflowError` above 20 (it would not fit an `Int64`).

            # Examples
            ```jldoctest
            dist> factorial(5)
            120
            ```
            """#,
        "binomial": #"""
                binomial(n, k)

            The number of ways to choose `k` of `n` things.

            # Examples
            ```jldoctest
            dist> binomial(5, 2)
            10
            ```
            """#,
        "clamp": #"""
                clamp(x, lo, hi)

            `x` limited to `[lo, hi]`.

            # Examples
            ```jldoctest
            dist> clamp(5, 1, 3), clamp(-1, 0, 10)
            (3, 0)
            ```
            """#,
        "min": #"""
                min(x, y, ...)

            The smallest argument (see `minimum` for a collection).

            # Examples
            ```jldoctest
            dist> min(3, 1, 2)
            1
            ```
            """#,
        "max": #"""
                max(x, y, ...)

            The largest argument, promoted to a common type (see `maximum` for a collection).

            # Examples
            ```jldoctest
            dist> max(1.5, 2)
            2.0
            ```
            """#,
        "minmax": #"""
                minmax(x, y) -> (min, max)

            Both at once.

            # Examples
            ```jldoctest
            dist> minmax(3, 1)
            (1, 3)
            ```
            """#,
        "muladd": #"""
                muladd(x, y, z)

            `x * y + z`.

            # Examples
            ```jldoctest
            dist> muladd(2, 3, 4)
            10
            ```
            """#,
        "inv": #"""
                inv(x)

            `1 / x` for a number; the inverse of a square matrix (a `SingularException` if it has
            none).

            # Examples
            ```jldoctest
            dist> inv(4)
            0.25

            dist> inv([2.0 0.0; 0.0 4.0]) == [0.5 0.0; 0.0 0.25]
            true
            ```
            """#,
        "isnan": #"""
                isnan(x) -> Bool

            Whether `x` is a NaN ("not a number").

            # Examples
            ```jldoctest
            dist> isnan(0 / 0)
            true
            ```
            """#,
        "isinf": #"""
                isinf(x) -> Bool

            Whether `x` is infinite.

            # Examples
            ```jldoctest
            dist> isinf(-1 / 0)
            true
            ```
            """#,
        "isfinite": #"""
                isfinite(x) -> Bool

            Whether `x` is neither infinite nor NaN.

            # Examples
            ```jldoctest
            dist> isfinite(1e308), isfinite(Inf)
            (true, false)
            ```
            """#,
        "isinteger": #"""
                isinteger(x) -> Bool

            Whether `x` is a whole number.

            # Examples
            ```jldoctest
            dist> isinteger(2.0), isinteger(2.5)
            (true, false)
            ```
            """#,
        "iszero": #"""
                iszero(x) -> Bool

            `x == zero(x)`.

            # Examples
            ```jldoctest
            dist> iszero(0.0)
            true
            ```
            """#,
        "isone": #"""
                isone(x) -> Bool

            `x == one(x)`.

            # Examples
            ```jldoctest
            dist> isone(1.0)
            true
            ```
            """#,
        "iseven": #"""
                iseven(x::Integer) -> Bool

            Whether `x` is divisible by 2.

            # Examples
            ```jldoctest
            dist> filter(iseven, 1:6)
            3-element Array{Int64,1}:
             2
             4
             6
            ```
            """#,
        "isodd": #"""
                isodd(x::Integer) -> Bool

            Whether `x` is not divisible by 2.

            # Examples
            ```jldoctest
            dist> isodd(3)
            true
            ```
            """#,
        "eps": #"""
                eps()
                eps(x)

            The gap between 1.0 and the next `Float64` (or between `x` and the next float).

            # Examples
            ```jldoctest
            dist> eps()
            2.220446049250313e-16

            dist> eps(1000.0)
            1.1368683772161603e-13
            ```
            """#,
        "typemax": #"""
                typemax(T)

            The largest value of type `T` (`Inf` for floats).

            # Examples
            ```jldoctest
            dist> typemax(Int)
            9223372036854775807
            ```
            """#,
        "typemin": #"""
                typemin(T)

            The smallest value of type `T` (`-Inf` for floats).

            # Examples
            ```jldoctest
            dist> typemin(Int)
            -9223372036854775808
            ```
            """#,
        "zero": #"""
                zero(x)
                zero(T)

            The additive identity of `x`'s type (or of `T`).

            # Examples
            ```jldoctest
            dist> zero(Int), zero(2.5)
            (0, 0.0)
            ```
            """#,
        "one": #"""
                one(x)
                one(T)

            The multiplicative identity of `x`'s type (or of `T`).

            # Examples
            ```jldoctest
            dist> one(Float64)
            1.0
            ```
            """#,
        "float": #"""
                float(x)

            `x` as a floating-point number (elementwise for arrays).

            # Examples
            ```jldoctest
            dist> float(3)
            3.0
            ```
            """#,
        "big": #"""
                big(x)

            Julia's arbitrary-precision numbers; dist has no `BigInt` or `BigFloat`, so `big(x)`
            is `x` (and integer arithmetic still wraps at 64 bits).
            """#,
        "Inf": #"""
                Inf, Inf64

            Positive infinity, a `Float64`.

            # Examples
            ```jldoctest
            dist> 1 / 0, -Inf < 0
            (Inf, true)
            ```
            """#,
        "Inf64": #"""
                Inf64

            `Inf`, the `Float64` positive infinity.

            # Examples
            ```jldoctest
            dist> Inf64 === Inf
            true
            ```
            """#,
        "NaN": #"""
                NaN, NaN64

            A `Float64` "not a number", as `0 / 0` gives; it equals nothing, itself included.

            # Examples
            ```jldoctest
            dist> 0 / 0
            NaN
            ```
            """#,
        "NaN64": #"""
                NaN64

            `NaN`, the `Float64` not-a-number.

            # Examples
            ```jldoctest
            dist> isnan(NaN64)
            true
            ```
            """#,
        "pi": #"""
                pi
                π

            The ratio of a circle's circumference to its diameter, as a `Float64` (dist has no
            `Irrational` type).

            # Examples
            ```jldoctest
            dist> pi
            3.141592653589793
            ```
            """#,
        "π": #"""
                π

            `pi` (type `\pi` then Tab).

            # Examples
            ```jldoctest
            dist> 2π
            6.283185307179586
            ```
            """#,
        "ℯ": #"""
                ℯ

            Euler's number, `exp(1)`, as a `Float64` (type `\euler` then Tab).

            # Examples
            ```jldoctest
            dist> ℯ
            2.718281828459045
            ```
            """#,
        "Complex": #"""
                Complex(re, im)
                Complex{T}(re, im)

            The complex number `re + im*im`, with both parts of one type (the promotion of the
            two, or `T`). Arithmetic, `abs`, `abs2`, `real`, `imag`, `conj` and `angle` work on
            it; most elementary functions (`sqrt`, `exp`, …) do not take complex numbers yet.

            # Examples
            ```jldoctest
            dist> Complex(1, 2.0)
            1.0 + 2.0im

            dist> z = 3 + 4im; typeof(z), abs(z)
            (Complex{Int64}, 5.0)
            ```
            """#,
        "ComplexF64": #"""
                ComplexF64

            `Complex{Float64}`: a complex number with `Float64` parts.

            # Examples
            ```jldoctest
            dist> ComplexF64(1, 2)
            1.0 + 2.0im

            dist> ComplexF64 === Complex{Float64}
            true
            ```
            """#,
        "im": #"""
                im

            The imaginary unit (a `Complex{Bool}`); `2im` and `3 + 4im` make complex numbers.

            # Examples
            ```jldoctest
            dist> im * im
            -1 + 0im

            dist> (1 + 2im) * (3 - im)
            5 + 5im
            ```
            """#,
        "complex": #"""
                complex(r, [i])

            The complex number `r + i*im` (`i` is 0 by default); a complex number is returned as
            it is.

            # Examples
            ```jldoctest
            dist> complex(1, 2), complex(1.5)
            (1 + 2im, 1.5 + 0.0im)
            ```
            """#,
        "real": #"""
                real(z)

            The real part of `z` (a real number is its own real part).

            # Examples
            ```jldoctest
            dist> real(3 + 4im), real(2.5)
            (3, 2.5)
            ```
            """#,
        "imag": #"""
                imag(z)

            The imaginary part of `z` (0 for a real number).

            # Examples
            ```jldoctest
            dist> imag(3 + 4im), imag(2)
            (4, 0)
            ```
            """#,
        "conj": #"""
                conj(z)

            The complex conjugate of `z` (a real number is its own conjugate).

            # Examples
            ```jldoctest
            dist> conj(3 + 4im), conj(3)
            (3 - 4im, 3)
            ```
            """#,
        "angle": #"""
                angle(z)

            The phase of `z` in radians, in [-π, π] (`atan(imag(z), real(z))`); for a real number,
            0 or π.

            # Examples
            ```jldoctest
            dist> angle(1im), angle(-1)
            (1.5707963267948966, 3.141592653589793)
            ```
            """#,
    ]
}
