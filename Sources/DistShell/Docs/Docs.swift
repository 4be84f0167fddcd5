/// The docstrings `?name` and `@doc name` show, one table per topic (`Docs+Distributed.swift`,
/// `Docs+Arrays.swift`, …), written in Julia's style: the signatures indented by four
/// spaces, a paragraph on what it does, `# Keywords` where it takes some, and `# Examples`
/// as `dist>` sessions. A test checks that every name of Base has one.
enum Docs {
    /// Every table, in the order they are searched.
    static let tables: [[String: String]] = [
        distributed, sharedArrays, tasks, macros, core, types, math, arrays, collections, strings, io,
        linearAlgebra, random, testing, keywords,
    ]

    /// The docstring of `name`, if there is one.
    static func entry(_ name: String) -> String? {
        for t in tables { if let d = t[name] { return d } }
        return nil
    }

    /// Every documented name.
    static let names: [String] = Array(Set(tables.flatMap { $0.keys })).sorted()

    /// What `?` alone shows.
    static let intro = """
        Welcome to dist help mode. Type the name of a function, a macro, a type or a keyword
        to see its documentation (`pmap`, `@spawnat`, `RemoteChannel`, `for`), or `@doc name`
        at the `dist>` prompt. Backspace on the empty `help?>` prompt goes back to `dist>`.

        Tab completes names, and LaTeX names to their symbols: `\\alpha` then Tab gives `α`,
        `x\\_1` gives `x₁`.
        """
}
