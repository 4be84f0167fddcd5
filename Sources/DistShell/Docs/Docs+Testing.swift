/// Julia's `Test`: the test macros and the types of their results.
extension Docs {
    static let testing: [String: String] = [
        "Test": #"""
                Test

            Julia's unit-testing library: `@test`, `@test_throws`, `@test_broken`, `@test_skip`,
            `@test_nowarn`, `@testset` and `@inferred`. Part of Base in dist; `using Test` is
            accepted.
            """#,
        "@test": #"""
                @test ex
                @test f(args...) key=val ...

            Test that `ex` is `true`. Outside a `@testset`, a pass prints `Test Passed`, a failure
            prints what was evaluated and throws; inside one, the result is recorded.

            # Examples
            ```jldoctest
            dist> @test 1 + 1 == 2
            Test Passed

            dist> @test [1, 2] + [3, 4] == [4, 6]
            Test Passed
            ```
            """#,
        "@test_throws": #"""
                @test_throws exception expr

            Test that `expr` throws `exception`: an error type, or an error value it must equal.

            # Examples
            ```jldoctest
            dist> @test_throws BoundsError [1, 2, 3][4]
            Test Passed
                  Thrown: BoundsError
            ```
            """#,
        "@test_broken": #"""
                @test_broken ex

            A test known to fail: a failure is recorded as `Broken`, and an unexpected pass is an
            error (the test should be fixed to a `@test`).

            # Examples
            ```jldoctest
            dist> @test_broken 1 == 2
            Test Broken
              Expression: 1 == 2
            ```
            """#,
        "@test_skip": #"""
                @test_skip ex

            A test that is not run, recorded as `Broken`.

            # Examples
            ```jldoctest
            dist> @test_skip 1 == 2
            Test Broken
              Skipped: 1 == 2
            ```
            """#,
        "@test_nowarn": #"""
                @test_nowarn expr

            Test that `expr` writes nothing on standard error (no warning); returns its value.

            # Examples
            ```jldoctest
            dist> @test_nowarn 1 + 1
            2
            ```
            """#,
        "@testset": #"""
                @testset "description" begin ... end
                @testset "description $v" for v in itr ... end
                @testset let v = x ... end

            Run the tests inside as a set: every result is recorded, and a summary table is
            printed at the end (with the failures and errors first). The `for` form makes one set
            per value. A set with failures throws a `TestSetException` at the outermost level.

            # Examples
            ```julia
            dist> @testset "arithmetic" begin
                      @test 1 + 1 == 2
                      @test 2 * 2 == 4
                  end;
            Test Summary: | Pass  Total  Time
            arithmetic    |    2      2  0.0s
            ```
            """#,
        "@inferred": #"""
                @inferred f(x)

            Julia checks that the call's result type is what the compiler inferred; dist has no
            inference, so it returns the call's value.

            # Examples
            ```jldoctest
            dist> @inferred max(1, 2)
            2
            ```
            """#,
        "Result": #"""
                Test.Result

            The supertype of the outcomes of a test: `Pass`, `Fail`, `Error`, `Broken`.

            # Examples
            ```jldoctest
            dist> Pass <: Result
            true
            ```
            """#,
        "Pass": #"""
                Test.Pass <: Test.Result

            A test that passed: what `@test` returns outside a test set when it succeeds.

            # Examples
            ```jldoctest
            dist> (@test true) isa Pass
            true
            ```
            """#,
        "Fail": #"""
                Test.Fail <: Test.Result

            A test whose expression was false, or that threw something else than expected.
            """#,
        "Error": #"""
                Test.Error <: Test.Result

            A test whose expression threw an error (not a failure of the condition).
            """#,
        "Broken": #"""
                Test.Broken <: Test.Result

            A test known to fail (`@test_broken`) or skipped (`@test_skip`).

            # Examples
            ```jldoctest
            dist> (@test_skip false) isa Broken
            true
            ```
            """#,
        "AbstractTestSet": #"""
                Test.AbstractTestSet

            The supertype of test sets, which record the results of the tests run inside them.
            """#,
        "DefaultTestSet": #"""
                Test.DefaultTestSet

            The test set `@testset` makes: it records results, prints a summary, and throws a
            `TestSetException` at the outermost level if anything failed.
            """#,
        "TestSetException": #"""
                Test.TestSetException

            Thrown when an outermost test set finishes with failures or errors; its message
            counts them.
            """#,
        "FallbackTestSetException": #"""
                Test.FallbackTestSetException

            Thrown by a test that fails outside any test set.
            """#,
    ]
}
