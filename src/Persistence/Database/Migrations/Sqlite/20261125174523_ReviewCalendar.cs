using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReviewCalendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "anniversary",
                table: "clients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "next_review_on",
                table: "clients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_frequency",
                table: "clients",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.CreateIndex(
                name: "ix_clients_assigned_rm_id_next_review_on",
                table: "clients",
                columns: new[] { "assigned_rm_id", "next_review_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_clients_assigned_rm_id_next_review_on",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "anniversary",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "next_review_on",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "review_frequency",
                table: "clients");
        }
    }
}
