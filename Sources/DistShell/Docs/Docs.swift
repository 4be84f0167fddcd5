/// The docstrings `?name` and `@doc name` show, one table per topic (`Docs+Distributed.swift`,
/// `Docs+Arrays.swift`, …), written in Julia's style: the signatures indented by four
/// spaces, a paragraph on what it does, `# Keywords` where it takes some, and `# Examples`
/// as `dist>` sessions. Examples in ```` ```jldoctest ```` blocks are run by the tests and must
/// print what they show; ```` ```julia ```` blocks (random numbers, workers' output) are not.
/// A test checks that every name of Base, every macro and every keyword has a docstring.
enum Docs {
    /// A topic's docstrings, and how many workers its examples need.
    struct Topic {
        let name: String
        let table: [String: String]
        let workers: Int
    }

    /// Every topic, in the order they are searched.
    static let topics: [Topic] = [
        Topic(name: "distributed", table: distributed, workers: 2),
        Topic(name: "sharedArrays", table: sharedArrays, workers: 2),
        Topic(name: "tasks", table: tasks, workers: 2),
        Topic(name: "macros", table: macros, workers: 2),
        Topic(name: "core", table: core, workers: 0),
        Topic(name: "types", table: types, workers: 0),
        Topic(name: "math", table: math, workers: 0),
        Topic(name: "arrays", table: arrays, workers: 0),
        Topic(name: "collections", table: collections, workers: 0),
        Topic(name: "strings", table: strings, workers: 0),
        Topic(name: "io", table: io, workers: 0),
        Topic(name: "linearAlgebra", table: linearAlgebra, workers: 0),
        Topic(name: "random", table: random, workers: 0),
        Topic(name: "testing", table: testing, workers: 0),
        Topic(name: "keywords", table: keywords, workers: 0),
        Topic(name: "cluster", table: cluster, workers: 2),
        Topic(name: "language", table: language, workers: 0),
    ]

    /// The docstring of `name`, if there is one.
    static func entry(_ name: String) -> String? {
        for t in topics { if let d = t.table[name] { return d } }
        return nil
    }

    /// Every documented name.
    static let names: [String] = Array(Set(topics.flatMap { $0.table.keys })).sorted()

    /// What `?` alone shows.
    static let intro = #"""
        Welcome to dist help mode. Type the name of a function, a macro, a type or a keyword
        to see its documentation (`pmap`, `@spawnat`, `RemoteChannel`, `for`), or `@doc name`
        at the `dist>` prompt. Backspace on the empty `help?>` prompt goes back to `dist>`.

        Tab completes names, and LaTeX names to their symbols: `\alpha` then Tab gives `α`,
        `x\_1` gives `x₁`.
        """#
}
