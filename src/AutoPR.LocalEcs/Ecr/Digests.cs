using System.Security.Cryptography;
using System.Text;

namespace AutoPR.LocalEcs.Ecr;

public static class Digests
{
    public static string Of(string content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
