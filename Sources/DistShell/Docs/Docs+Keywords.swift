extension Docs {
    static let keywords: [String: String] = [:]
}
