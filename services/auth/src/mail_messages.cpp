#include "mail_messages.hpp"

#include "contact_rules.hpp"

namespace portal::auth {
namespace {

std::string signature(const AuthSettings& s) {
  std::string out = "\nSi usted no solicitó este mensaje, ignórelo.";
  if (!s.attention_phone.empty())
    out += " Para ayuda comuníquese con la línea de atención " + s.attention_phone + ".";
  return out + "\n\nPortal de Prestadores - EPS\n";
}

std::string account_line(const UserRecord& u) {
  std::string out = "Usuario: " + u.username + "\n";
  if (u.provider_nit) out += "NIT del prestador: " + *u.provider_nit + "\n";
  return out;
}

}  // namespace

mail::Message activation_message(const AuthSettings& s, const UserRecord& u, const std::string& token) {
  return mail::Message{u.email, "Active su cuenta del Portal de Prestadores",
                       "Hola " + u.full_name() +
                           ",\n\nSu cuenta fue creada y está pendiente de activación.\n" + account_line(u) +
                           "\nActívela con este enlace (válido por 48 horas, un solo uso):\n" + s.public_url +
                           "/activate?token=" + token + "\n" + signature(s)};
}

mail::Message password_reset_message(const AuthSettings& s, const UserRecord& u, const std::string& token) {
  return mail::Message{
      u.email, "Restablecimiento de contraseña del Portal de Prestadores",
      "Hola " + u.full_name() + ",\n\nRecibimos una solicitud para restablecer su contraseña.\n" +
          account_line(u) + "\nDefina una nueva con este enlace (válido por 1 hora, un solo uso):\n" +
          s.public_url + "/reset-password?token=" + token + "\n" + signature(s)};
}

mail::Message set_password_message(const AuthSettings& s, const UserRecord& u, const std::string& token) {
  return mail::Message{
      u.email, "Bienvenido al Portal de Prestadores",
      "Hola " + u.full_name() + ",\n\nSe creó un usuario para usted en el Portal de Prestadores.\n" +
          account_line(u) + "\nDefina su contraseña con este enlace (válido por 72 horas, un solo uso):\n" +
          s.public_url + "/set-password?token=" + token + "\n" + signature(s)};
}

mail::Message contact_case_message(const contact_case_store::ContactCaseRecord& k, const UserRecord& u) {
  const std::string area{contact_category_name(k.category)};
  std::string body = "Nuevo caso de \"Contáctenos\" del Portal de Prestadores.\n\n";
  body += "Caso número: " + std::to_string(k.id) + "\n";
  body += "Categoría: " + area + "\n";
  body += "Fecha: " + k.created_at + " (UTC)\n\n";
  if (u.provider_nit) {
    body += "Prestador: " + u.provider_name.value_or("") + " (NIT " + *u.provider_nit + ")\n";
  }
  if (u.habilitation_code) body += "Sede (código de habilitación): " + *u.habilitation_code + "\n";
  body += "Usuario: " + u.full_name() + " (" + u.username + ")\n";
  body += "Correo: " + u.email + "\n";
  if (u.mobile) body += "Celular: " + *u.mobile + "\n";
  if (u.phone)
    body += "Teléfono: " + *u.phone + (u.extension ? " ext. " + *u.extension : std::string{}) + "\n";
  body += "\nAsunto: " + k.subject + "\n\nComentario:\n" + k.comment + "\n";
  body += "\nResponda al usuario y marque el caso como atendido en el portal (EPS, administrador).\n";
  return mail::Message{k.mailbox,
                       "[Contáctenos] Caso " + std::to_string(k.id) + " - " + area + ": " + k.subject, body};
}

}  // namespace portal::auth
