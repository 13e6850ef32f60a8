using System.Security.Cryptography;
using System.Text;

namespace AutoPR.LocalEcs.Ssm;

/// <summary>
/// What GetParameter answers for a SecureString read without decryption: like AWS's ciphertext, an opaque
/// base64 blob that changes with the value but from which the value cannot be had (an HMAC under a key that
/// lives only in this process).
/// </summary>
public sealed class SecureStringMask
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public string Mask(SsmParameter parameter)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{parameter.Name}\n{parameter.Version}\n{parameter.Value}"));
        return "AQICAHhLocalEcs" + Convert.ToBase64String(mac);
    }
}
