extension Docs {
    static let types: [String: String] = [:]
}
