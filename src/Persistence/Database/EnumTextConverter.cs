using JlnbCrm.Domain;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace JlnbCrm.Database;

/// <summary>Stores an enum as its readable text (see <see cref="EnumText{T}"/>).</summary>
internal sealed class EnumTextConverter<T>() : ValueConverter<T, string>(
    v => EnumText<T>.ToText(v), s => EnumText<T>.Parse(s)) where T : struct, Enum;
