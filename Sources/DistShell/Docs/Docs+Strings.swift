extension Docs {
    static let strings: [String: String] = [:]
}
