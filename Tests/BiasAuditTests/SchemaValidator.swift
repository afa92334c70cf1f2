import Foundation

/// A small JSON Schema 2020-12 checker for the keywords `schemas/audit-report.schema.json` uses:
/// `type`, `const`, `enum`, `required`, `properties`, `additionalProperties: false`, `items`,
/// `oneOf`, `$ref` (local `#/$defs/…`), `minimum`, `maximum`, `exclusiveMinimum`,
/// `exclusiveMaximum`, `minItems`, `pattern`. Unknown keywords are ignored. Python's `jsonschema`
/// validates the same documents in `scripts/audit/crosscheck.py --validate-json`.
struct SchemaValidator {
    let root: [String: Any]

    init(schemaData: Data) throws {
        root = try JSONSerialization.jsonObject(with: schemaData) as! [String: Any]
    }

    func validate(_ instance: Any) -> [String] { errors(instance, root, "$") }

    private func resolve(_ ref: String) -> [String: Any] {
        var node: Any = root
        for part in ref.dropFirst(2).split(separator: "/") { node = (node as! [String: Any])[String(part)]! }
        return node as! [String: Any]
    }

    private func typeName(_ v: Any) -> String {
        if v is NSNull { return "null" }
        if type(of: v) == Bool.self { return "boolean" }
        if let n = v as? NSNumber {
            let t = String(cString: n.objCType)
            if t == "c" || t == "B" { return "boolean" }
            return (t == "d" || t == "f") && n.doubleValue != n.doubleValue.rounded() ? "number" : "integer"
        }
        if v is String { return "string" }
        if v is [Any] { return "array" }
        if v is [String: Any] { return "object" }
        return "unknown"
    }

    private func equal(_ a: Any, _ b: Any) -> Bool {
        if a is NSNull || b is NSNull { return a is NSNull && b is NSNull }
        return (a as? NSObject)?.isEqual(b) ?? false
    }

    private func errors(_ v: Any, _ schema: [String: Any], _ path: String) -> [String] {
        if let ref = schema["$ref"] as? String { return errors(v, resolve(ref), path) }
        var out: [String] = []
        if let t = schema["type"] {
            let allowed = (t as? [String]) ?? [t as! String]
            let actual = typeName(v)
            let ok = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !ok { return ["\(path): type \(actual) not in \(allowed)"] }
        }
        if let c = schema["const"], !equal(v, c) { out.append("\(path): not the const") }
        if let e = schema["enum"] as? [Any], !e.contains(where: { equal(v, $0) }) { out.append("\(path): not in enum") }
        if let one = schema["oneOf"] as? [[String: Any]] {
            let passing = one.filter { errors(v, $0, path).isEmpty }.count
            if passing != 1 { out.append("\(path): matches \(passing) of oneOf") }
        }
        if let n = (v as? NSNumber), typeName(v) != "boolean" {
            let x = n.doubleValue
            if let m = schema["minimum"] as? Double, x < m { out.append("\(path): below minimum") }
            if let m = schema["maximum"] as? Double, x > m { out.append("\(path): above maximum") }
            if let m = schema["exclusiveMinimum"] as? Double, x <= m { out.append("\(path): not above exclusiveMinimum") }
            if let m = schema["exclusiveMaximum"] as? Double, x >= m { out.append("\(path): not below exclusiveMaximum") }
        }
        if let s = v as? String, let p = schema["pattern"] as? String,
           s.range(of: p, options: .regularExpression) == nil { out.append("\(path): does not match pattern") }
        if let obj = v as? [String: Any] {
            let props = schema["properties"] as? [String: Any] ?? [:]
            for r in schema["required"] as? [String] ?? [] where obj[r] == nil { out.append("\(path): missing \(r)") }
            if (schema["additionalProperties"] as? Bool) == false {
                for k in obj.keys where props[k] == nil { out.append("\(path): unexpected \(k)") }
            }
            for (k, sub) in props { if let child = obj[k] { out += errors(child, sub as! [String: Any], "\(path).\(k)") } }
        }
        if let arr = v as? [Any] {
            if let m = schema["minItems"] as? Int, arr.count < m { out.append("\(path): fewer than \(m) items") }
            if let items = schema["items"] as? [String: Any] {
                for (i, e) in arr.enumerated() { out += errors(e, items, "\(path)[\(i)]") }
            }
        }
        return out
    }
}
