import type { RoleLevel } from '../engine';

// Checked in this order: a title that names someone else's office ("Assistant to the CEO") is not that office.
const SUPPORT = /\b(?:assistant|intern|trainee|apprentice|to the (?:ceo|cfo|cto|coo|president|director|vp)|executive assistant|personal assistant|office (?:of|to) the|chief of staff|working student|student|assistent|sekretær|sihteeri|harjoittelija|avustaja|assistentti)\b/i;
const C_LEVEL = /\b(?:c[efiotmrdps]o|ciso|cxo|chief\b[\w\s&,-]*?\bofficer|chief (?:executive|financial|technology|operating|information|marketing|revenue|digital|product|people|commercial|data|security|strategy|customer|growth)|(?<!vice[\s-])president|(?:co-?)?founder|(?<!(?:product|process|service|data|system|account|project|content|feature|application|platform|budget|category)\s)owner|managing director|managing partner|general partner|executive director|board chair|chair(?:man|woman|person)?(?: of the board)?|toimitusjohtaja|talousjohtaja|teknologiajohtaja|markkinointijohtaja|daglig leder|administrerende direktør|adm\.? dir\.?|finansdirektør|økonomidirektør|konsernsjef|eier|gründer|perustaja|omistaja)\b/i;
const DIRECTOR = /\b(?:s?vp|evp|avp|vice[\s-]president|director|head of|head|department head|dept\.? head|general manager|country manager|regional director|principal|partner|direktør|avdelingsdirektør|johtaja|osastonjohtaja|yksikön johtaja|leiter|divisjonsdirektør|sjef)\b|johtaja\b|direktør\b|sjef\b/i;
const MANAGER = /\b(?:manager|mgr|team lead|team leader|lead|supervisor|foreman|coordinator of|leder|avdelingsleder|teamleder|prosjektleder|päällikkö|esihenkilö|tiiminvetäjä|tiiminvetaja|projektipäällikkö)\b|päällikkö|leder\b/i;
const STAFF = /\b(?:analyst|engineer|developer|specialist|coordinator|consultant|associate|administrator|admin|designer|representative|rep|officer|accountant|buyer|planner|agent|advisor|adviser|technician|architect|scientist|researcher|writer|editor|clerk|controller|strategist|executive|member|staff|employee|individual contributor|ic|nurse|teacher|operator|generalist|recruiter|marketer|salesperson|sales|support|rådgiver|konsulent|utvikler|ingeniør|analytiker|asiantuntija|suunnittelija|kehittäjä|insinööri|konsultti|myyjä|medarbeider|saksbehandler)\b/i;

/**
 * The level of a job title: c_level (CEO, CFO, founder, owner, managing director), director (VP,
 * director, head of), manager (manager, team lead), staff (analyst, engineer, specialist...), or
 * null when the title says nothing known. English, with common Finnish and Norwegian titles.
 * @example classifyTitle('VP Operations') // 'director'
 */
export function classifyTitle(title: string): RoleLevel | null {
  const text = title.trim();
  if (!text) return null;
  if (SUPPORT.test(text)) return 'staff';
  if (C_LEVEL.test(text)) return 'c_level';
  if (DIRECTOR.test(text)) return 'director';
  if (MANAGER.test(text)) return 'manager';
  if (STAFF.test(text)) return 'staff';
  return null;
}
