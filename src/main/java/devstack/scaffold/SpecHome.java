package devstack.scaffold;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Where the spec of a tree's hook or hypervisor plugin goes, and how it is run. In this repository (its pom.xml is
 * this project's) the specs of the shipped plugins live in {@code src/test/groovy/devstack/shipped} and Maven's
 * {@code test} runs them. Any other tree gets {@code test/NAME/} and one Maven project for all its specs,
 * {@code test/pom.xml}, which runs them from the tree (so that {@code 'extras.d/…'} means the tree's hooks).
 */
final class SpecHome {
    static final String SHIPPED = "src/test/groovy/devstack/shipped";

    private final boolean thisRepository;
    private final String name;

    private SpecHome(boolean thisRepository, String name) {
        this.thisRepository = thisRepository;
        this.name = name;
    }

    static SpecHome of(Path top, PluginName name) {
        return new SpecHome(isThisRepository(top, KitCoordinates.ofThisBuild()), name.name());
    }

    /** Adds the spec, and in a tree of the user's own its Maven project if the tree has none yet. */
    void add(NewFiles files, String specClass, String content) {
        if (thisRepository) {
            files.add(SHIPPED + "/" + specClass + ".groovy", content);
        } else {
            files.add("test/" + name + "/" + specClass + ".groovy", content);
            Map<String, String> values = Scaffold.kitValues();
            files.addShared("test/pom.xml", Template.render("tree/pom.xml", values));
            files.addShared("test/.gitignore", Template.render("tree/gitignore", values));
        }
    }

    /** The spec's package line (with the blank line after it), or nothing: a tree's specs have no package. */
    String packageLine() {
        return thisRepository ? "package devstack.shipped\n\n" : "";
    }

    /** The command, run in the tree, that runs the spec. */
    String runCommand(String specClass) {
        return thisRepository ? "mvn -B test -Dtest=" + specClass : "mvn -B -f test/pom.xml test -Dtest=" + specClass;
    }

    /** Whether {@code top} holds this project: its pom.xml has this build's groupId and artifactId. */
    static boolean isThisRepository(Path top, KitCoordinates kit) {
        Path pom = top.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(pom)) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element project = factory.newDocumentBuilder().parse(in).getDocumentElement();
            return kit.groupId().equals(child(project, "groupId")) && kit.artifactId().equals(child(project,
                    "artifactId"));
        } catch (IOException | ParserConfigurationException | SAXException e) {
            // Not a pom we can read: then it is not this project's.
            return false;
        }
    }

    private static String child(Element parent, String tag) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && tag.equals(element.getLocalName() != null
                    ? element.getLocalName() : element.getTagName())) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }
}
