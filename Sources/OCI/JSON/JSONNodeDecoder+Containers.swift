/// The three views a `Decodable` type takes of a `JSONNode` (`JSONNodeDecoder`): an object by
/// key, an array in order, one value. Each typed read is the node's own, or a `NodeMismatch`.
struct KeyedNode<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONNode]
    let codingPath: [any CodingKey]

    init(members: [(String, JSONNode)], codingPath: [any CodingKey]) {
        // JSONNode.parse refuses a repeated key, so every key is unique here.
        self.members = Dictionary(members, uniquingKeysWith: { first, _ in first })
        self.codingPath = codingPath
    }

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }
    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    func node(_ key: Key) throws -> JSONNode {
        guard let node = members[key.stringValue] else { throw NodeMismatch() }
        return node
    }

    func decodeNil(forKey key: Key) throws -> Bool { try node(key).isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try node(key).boolean() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try node(key).text() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try node(key).floating(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try node(key).floating(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try node(key).integer(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try node(key).integer(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try node(key).integer(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try node(key).integer(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try node(key).integer(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try node(key).integer(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try node(key).integer(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try node(key).integer(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try node(key).integer(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try node(key).integer(type) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder(key).decode(type)
    }

    func decoder(_ key: Key) throws -> NodeDecoder {
        NodeDecoder(node: try node(key), codingPath: codingPath + [key])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder(key).unkeyedContainer()
    }

    // `super` is not a key records use; JSONDecoder's reading of it is left to JSONDecoder.
    func superDecoder() throws -> any Decoder { throw NodeMismatch() }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw NodeMismatch() }
}

struct UnkeyedNode: UnkeyedDecodingContainer {
    let items: [JSONNode]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(items: [JSONNode], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    /// The next item, as a decoder; the index moves on only when the item was read.
    mutating func next<T>(_ read: (NodeDecoder) throws -> T) throws -> T {
        guard !isAtEnd else { throw NodeMismatch() }
        let value = try read(NodeDecoder(node: items[currentIndex], codingPath: codingPath))
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw NodeMismatch() }
        if items[currentIndex].isNull { currentIndex += 1; return true }
        return false
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { try $0.node.boolean() } }
    mutating func decode(_ type: String.Type) throws -> String { try next { try $0.node.text() } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { try $0.node.floating(type) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next { try $0.node.floating(type) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try next { try $0.node.integer(type) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { try $0.node.integer(type) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next { try $0.node.integer(type) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next { try $0.node.integer(type) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next { try $0.node.integer(type) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next { try $0.node.integer(type) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next { try $0.node.integer(type) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next { try $0.node.integer(type) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next { try $0.node.integer(type) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next { try $0.node.integer(type) } }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next { try $0.decode(type) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next { try $0.container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next { try $0.unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder { throw NodeMismatch() }
}

struct SingleNode: SingleValueDecodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { node.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try node.boolean() }
    func decode(_ type: String.Type) throws -> String { try node.text() }
    func decode(_ type: Double.Type) throws -> Double { try node.floating(type) }
    func decode(_ type: Float.Type) throws -> Float { try node.floating(type) }
    func decode(_ type: Int.Type) throws -> Int { try node.integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try node.integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try node.integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try node.integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try node.integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try node.integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try node.integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try node.integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try node.integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try node.integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try NodeDecoder(node: node, codingPath: codingPath).decode(type)
    }
}
