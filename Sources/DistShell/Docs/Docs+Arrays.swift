extension Docs {
    static let arrays: [String: String] = [:]
}
