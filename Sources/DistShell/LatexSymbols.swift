/// LaTeX names for Unicode symbols, for Tab completion (`\alpha` → `α`, `\sqrt` → `√`,
/// `x\_1` → `x₁`), as in Julia's REPL. The table is in `LatexSymbols+Table.swift`.
enum LatexSymbols {
    /// The characters a LaTeX name is made of after its backslash.
    static let nameCharacters: Set<Character> = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_^+-=()")

    /// Every name, sorted.
    static let sortedNames: [String] = table.keys.sorted()

    /// The names that start with `prefix` (which starts with a backslash and is more than a
    /// backslash: a lone `\` lists nothing rather than all of them).
    static func names(startingWith prefix: String) -> [String] {
        guard prefix.count > 1 else { return [] }
        return sortedNames.filter { $0.hasPrefix(prefix) }
    }
}
