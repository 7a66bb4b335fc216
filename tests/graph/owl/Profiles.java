// The OWL API's OWL 2 DL and OWL 2 RL profile checkers on one ontology file: prints each profile with
// its number of violations, then the violations. Compiled and run by tests/test_ontology.py.
import java.io.File;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.*;
import org.semanticweb.owlapi.profiles.*;

public class Profiles {
    public static void main(String[] args) throws Exception {
        OWLOntologyManager m = OWLManager.createOWLOntologyManager();
        OWLOntology o = m.loadOntologyFromOntologyDocument(new File(args[0]));
        for (OWLProfile p : new OWLProfile[] { new OWL2DLProfile(), new OWL2RLProfile() }) {
            OWLProfileReport r = p.checkOntology(o);
            System.out.println(p.getName() + "\t" + r.getViolations().size());
            for (OWLProfileViolation v : r.getViolations()) System.out.println("  " + v.toString().replace("\n", " "));
        }
    }
}
