extension Docs {
    static let tasks: [String: String] = [:]
}
