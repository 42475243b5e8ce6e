import json, mmh3
salts = ["new-checkout", "checkout-theme", "s", "", "salt with spaces", "ünïcödé-salt", "release-1-2"]
keys = ["", "a", "ab", "abc", "abcd", "user-1", "user-2", "user-42", "user-100000",
        "alice@example.com", "f47ac10b-58cc-4372-a567-0e02b2c3d479", "Ørsted", "日本語のキー", "emoji-😀-key",
        "x" * 100, "tenant:acme/user:7"]
vectors = []
for s in salts:
    for k in keys:
        data = (s + "." + k).encode("utf-8")
        h = mmh3.hash(data, 0, signed=False)
        vectors.append({"salt": s, "key": k, "hash": h, "bucket": (h * 100000) >> 32})
splits = []
def assign(b, weights):
    c = 0
    for name, w in weights:
        c += w
        if b < c:
            return name
    return weights[-1][0]
for weights in ([["on", 10000], ["off", 90000]], [["on", 50000], ["off", 50000]],
                [["classic", 33334], ["dark", 33333], ["neon", 33333]], [["a", 0], ["b", 100000]]):
    for k in ["user-1", "user-2", "user-3", "user-4", "user-5", "user-6", "user-7", "user-8"]:
        h = mmh3.hash(("split-salt." + k).encode(), 0, signed=False)
        b = (h * 100000) >> 32
        splits.append({"salt": "split-salt", "key": k, "weights": [{"variation": n, "weight": w} for n, w in weights],
                       "bucket": b, "variation": assign(b, weights)})
doc = {
  "description": "Gantry bucketing test vectors (docs/flags-bucketing.md). hash = murmur3_x86_32(utf8(salt) + '.' + utf8(key), seed 0) as unsigned; bucket = floor(hash * 100000 / 2^32). Generated with the Python mmh3 package (an implementation independent of the Java SDK).",
  "hashVectors": vectors,
  "splitVectors": splits,
}
print(json.dumps(doc, indent=1, ensure_ascii=False))
