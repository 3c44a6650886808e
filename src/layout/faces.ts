// Faces by role for compose and the PDF writer.
import type { Issue, Role } from '../issue/model.js';
import { Face, openFace } from '../text/face.js';

/** Faces by role, each opened (parsed) on first use: an issue pays only for the faces it sets. */
export function openFaces(issue: Issue): { byRole: Record<Role, Face>; byKey: Map<string, Face> } {
  const byRole = {} as Record<Role, Face>;
  const byKey = new Map<string, Face>();
  for (const [role, ref] of Object.entries(issue.layout.faces) as [Role, { key: string; file: string }][]) {
    let face: Face | undefined;
    Object.defineProperty(byRole, role, {
      enumerable: true,
      get() {
        if (!face) {
          face = openFace(ref.key, ref.file);
          byKey.set(ref.key, face);
        }
        return face;
      },
    });
  }
  return { byRole, byKey };
}
