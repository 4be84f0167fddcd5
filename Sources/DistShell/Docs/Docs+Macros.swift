extension Docs {
    static let macros: [String: String] = [:]
}
