using System.Text.Json;
using System.Text.Json.Serialization;
using JlnbCrm.Domain;

namespace JlnbCrm.Consents;

/// <summary>JSON for exports: camelCase names, enums as the text the database and the pages show ("In Progress").</summary>
internal static class ExportJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new EnumAsText() },
    };

    private sealed class EnumAsText : JsonConverterFactory
    {
        public override bool CanConvert(Type type) => type.IsEnum;

        public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(type))!;
    }

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type type, JsonSerializerOptions options) =>
            EnumText<T>.Parse(reader.GetString() ?? "");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(EnumText<T>.ToText(value));
    }
}
