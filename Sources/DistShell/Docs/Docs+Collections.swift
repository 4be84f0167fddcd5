extension Docs {
    static let collections: [String: String] = [:]
}
