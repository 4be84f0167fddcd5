extension Docs {
    static let testing: [String: String] = [:]
}
